/**
 * The benchmark harness: whole-suite scenarios of the example suite in cold child JVMs, sampled
 * from {@code /proc}, and the JMH component benchmarks. Run with {@code benchmarks/run.sh}.
 */
@NullMarked
package io.testlanes.benchmarks;

import org.jspecify.annotations.NullMarked;

/**
 * The run report: a launcher listener that records where each test class ran and how long it took,
 * merges the records of every JVM of a run, and writes a console summary, {@code report.html} and
 * the timings that {@link io.testlanes.junit.internal.shard} balances shards with.
 */
@NullMarked
package io.testlanes.junit.internal.report;

import org.jspecify.annotations.NullMarked;

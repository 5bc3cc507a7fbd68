/**
 * JMH component benchmarks. Each state starts the services it needs once per trial (one JMH fork),
 * through a run host of its own, and stops them at the end of the trial.
 */
@NullMarked
package io.testlanes.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;

package io.testlanes.junit.internal.report;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The single-worker baseline kept in the timings file: what each test class took in runs where no
 * two tests overlapped ({@link RunData#serial()}), and what such a run spent outside its classes
 * (JVM start, services, lanes: its wall time minus its test time). A speedup is shown only against
 * it, and only for classes it holds.
 *
 * @param recorded when a serial run last added to it
 * @param overheadMillis the last serial run's wall time minus its classes' time
 * @param classes each class's time in the last serial run that ran it, in milliseconds
 */
record Baseline(Instant recorded, long overheadMillis, Map<String, Long> classes) {

  Baseline {
    if (overheadMillis < 0) {
      throw new IllegalArgumentException("overhead must be >= 0 ms, was " + overheadMillis);
    }
    classes = Map.copyOf(classes);
  }

  /**
   * What {@code classNames} would take with one worker: their single-worker times plus the
   * overhead; empty unless the baseline holds every one of them.
   */
  OptionalLong wallFor(Collection<String> classNames) {
    long sum = overheadMillis;
    for (String c : classNames) {
      Long t = classes.get(c);
      if (t == null) {
        return OptionalLong.empty();
      }
      sum += t;
    }
    return OptionalLong.of(sum);
  }

  /** How many of {@code classNames} it has no time for. */
  long missing(Collection<String> classNames) {
    return classNames.stream().filter(c -> !classes.containsKey(c)).count();
  }

  /** This baseline with {@code newer}'s class times, overhead and date added over its own. */
  Baseline plus(Baseline newer) {
    Map<String, Long> all = new TreeMap<>(classes);
    all.putAll(newer.classes);
    return new Baseline(newer.recorded, newer.overheadMillis, all);
  }
}

package io.testlanes.junit.internal.report;

/**
 * A setup phase before or between tests: a service becoming ready or a lane being prepared, from
 * {@code start} to {@code end} in epoch milliseconds.
 */
record Phase(Kind kind, String name, long start, long end) {

  /** What was set up. */
  enum Kind {
    SERVICE,
    LANE
  }

  long millis() {
    return end - start;
  }
}

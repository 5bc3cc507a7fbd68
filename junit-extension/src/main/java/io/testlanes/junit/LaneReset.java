package io.testlanes.junit;

/** When a test class's lane is emptied; overrides {@code testlanes.reset} for that class. */
public enum LaneReset {
  /** As configured by {@code testlanes.reset} (default {@code test}). */
  DEFAULT,
  /** Before each test. */
  TEST,
  /** Before each test class. */
  CLASS,
  /** Never: the tests clean up after themselves. */
  NONE
}

package io.testlanes.config;

import java.util.Locale;

/**
 * When a lane returns to the template's state: the schema, the rows the template's scripts and
 * migrations inserted, sequences at their template values; nothing a test wrote. See {@link
 * Keys#RESET}; a test class overrides it with {@code @TestLanes(reset = …)}.
 */
public enum Reset {
  /**
   * Only in annotations: as {@link Keys#RESET} says (default {@link #TEST}). Not a value of the
   * key.
   */
  DEFAULT,
  /** Before each test (and when a lane is leased). */
  TEST,
  /** When a lane is leased: before each test class (or each concurrent method). */
  CLASS,
  /**
   * Never: the lane keeps what earlier holders left. With more than one lane, which data a test
   * finds depends on which lane it gets and who had it before: tests must clean up after
   * themselves.
   */
  NONE;

  /** The name used in configuration: {@code test}, {@code class} or {@code none}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

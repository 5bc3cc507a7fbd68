package io.testlanes.config;

import java.util.Locale;

/** When a lane's data is emptied. See {@link Keys#RESET}. */
public enum Reset {
  /** Before each test. */
  TEST,
  /** Before each test class. */
  CLASS,
  /** Never: tests clean up after themselves. */
  NONE;

  /** The name used in configuration: {@code test}, {@code class} or {@code none}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

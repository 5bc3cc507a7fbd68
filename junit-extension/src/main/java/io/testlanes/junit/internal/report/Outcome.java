package io.testlanes.junit.internal.report;

import org.junit.platform.engine.TestExecutionResult;

/** How a test or test class ended, worst last. */
enum Outcome {
  SKIPPED,
  PASSED,
  ABORTED,
  FAILED;

  static Outcome of(TestExecutionResult.Status status) {
    return switch (status) {
      case SUCCESSFUL -> PASSED;
      case ABORTED -> ABORTED;
      case FAILED -> FAILED;
    };
  }

  /** The worse of this and {@code other}. */
  Outcome worst(Outcome other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** Lower-case name, as written to files and used as a CSS class. */
  String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Outcome parse(String id) {
    try {
      return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return FAILED;
    }
  }
}

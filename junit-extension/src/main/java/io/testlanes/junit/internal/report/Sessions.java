package io.testlanes.junit.internal.report;

import io.testlanes.config.Settings;
import io.testlanes.run.TestRun;
import java.util.UUID;

/**
 * Which report a JVM writes into: the session of its run, as the run's service host decides it
 * ({@link TestRun#session()}), so that the JVMs of one invocation make one report.
 */
final class Sessions {
  /** The session of a JVM without a run: it reports alone. */
  private static final String ALONE =
      "jvm-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();

  private Sessions() {}

  /**
   * The session of {@code settings}' run when {@code lanes} (the plan uses testlanes, so its JVM
   * attaches to the run's host anyway), else this JVM's own. A run that cannot be joined (its
   * configuration fails, which fails its tests too) reports alone.
   */
  static String of(Settings settings, boolean lanes) {
    if (!lanes) {
      return ALONE;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      return TestRun.join(settings, loader == null ? Sessions.class.getClassLoader() : loader)
          .session();
    } catch (RuntimeException e) {
      System.err.println("[testlanes] the run report of this JVM stands alone: " + e.getMessage());
      return ALONE;
    }
  }
}

package io.testlanes.internal.run;

import io.testlanes.config.Settings;
import io.testlanes.run.TestRun;

/**
 * A test JVM that joins the run of its settings, waits for the services and leaves: what testlanes
 * logs on the way is what {@link RunLoggingTest} looks for.
 */
public final class LoggingChildMain {
  private LoggingChildMain() {}

  public static void main(String[] args) throws Exception {
    try (TestRun run = TestRun.join(Settings.load(), LoggingChildMain.class.getClassLoader())) {
      System.out.println("services " + run.awaitServices().keySet());
    }
    System.exit(0);
  }
}

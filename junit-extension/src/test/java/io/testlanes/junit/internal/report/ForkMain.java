package io.testlanes.junit.internal.report;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.testlanes.config.Keys;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A JVM of a multi-JVM run, as a build tool's fork would be: runs one fixture class through the
 * launcher, with the listeners the launcher loads, writing its report to {@code args[0]}.
 */
public final class ForkMain {
  private ForkMain() {}

  public static void main(String[] args) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(args[1]))
                .configurationParameter(Keys.REPORT_DIR, args[0])
                .build(),
            summary);
    System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
  }
}

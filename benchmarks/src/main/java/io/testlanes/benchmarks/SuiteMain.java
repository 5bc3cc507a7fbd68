package io.testlanes.benchmarks;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The child JVM of a scenario: runs a suite's test classes through the JUnit Platform launcher, the
 * way Surefire would (junit-platform.properties and the testlanes listeners from the classpath).
 * Arguments: the suite's package, then the classes to run; without classes, every {@code *Test}
 * class of the package. Exits 0 when every test passed, 1 otherwise.
 */
public final class SuiteMain {
  /** The example suite's package. */
  static final String PACKAGE = "io.testlanes.examples.shop";

  private SuiteMain() {}

  public static void main(String[] args) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    if (args.length == 1) {
      request.selectors(selectPackage(args[0])).filters(includeClassNamePatterns(".*Test"));
    } else if (args.length > 1) {
      for (String c : List.of(args).subList(1, args.length)) {
        request.selectors(selectClass(c));
      }
    } else {
      throw new IllegalArgumentException(
          "expected the suite's package and optionally test class names as arguments, got none."
              + " Fix: SuiteMain "
              + PACKAGE);
    }
    LauncherDiscoveryRequest built = request.build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(built, summary);
    TestExecutionSummary s = summary.getSummary();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    s.printTo(out);
    if (s.getTotalFailureCount() > 0) {
      s.printFailuresTo(out, 20);
    }
    out.flush();
    System.exit(s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}

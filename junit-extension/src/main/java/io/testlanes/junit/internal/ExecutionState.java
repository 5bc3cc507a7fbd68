package io.testlanes.junit.internal;

import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.junit.internal.plan.JunitSettings;
import io.testlanes.junit.internal.report.ExpectedTimes;
import io.testlanes.junit.internal.report.ReportEntries;
import io.testlanes.run.LaneLease;
import io.testlanes.run.LeaseRequest;
import io.testlanes.run.ServiceInfo;
import io.testlanes.run.TestRun;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension's state for one engine execution, kept in the root context's store and closed with
 * it: the {@link TestRun} of this execution's settings, whether its services were reported, and,
 * when classes run longest first ({@link io.testlanes.junit.LongestClassesFirst}), their expected
 * times, which order the lane leases of classes that wait for one.
 */
@SuppressWarnings("deprecation") // CloseableResource: the only closing contract of JUnit 5.12
final class ExecutionState implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  /** JUnit's parameter that names the default class orderer. */
  static final String CLASS_ORDER = "junit.jupiter.testclass.order.default";

  /** {@link io.testlanes.junit.LongestClassesFirst}, by name: that package uses this one. */
  static final String LONGEST_CLASSES_FIRST = "io.testlanes.junit.LongestClassesFirst";

  private final TestRun run;
  private final ExpectedTimes expected;
  private volatile boolean reportedServices;

  private ExecutionState(TestRun run, ExpectedTimes expected) {
    this.run = run;
    this.expected = expected;
  }

  /**
   * Settings of this execution: system properties, environment, JUnit parameters, then the defaults
   * integrations read from the application ({@link io.testlanes.run.ConfigDefaults}).
   */
  static Settings settingsOf(ExtensionContext context, ClassLoader loader) {
    return JunitSettings.load(context, loader);
  }

  static ExecutionState create(ExtensionContext root) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ExecutionState.class.getClassLoader();
    }
    TestRun run = TestRun.join(settingsOf(root, loader), loader);
    return new ExecutionState(run, expectedTimes(root, run.settings()));
  }

  /**
   * The classes' expected times when they run longest first, else none. A timings file that cannot
   * be read gives none: the orderer says so on standard error and leaves the order as it was.
   */
  private static ExpectedTimes expectedTimes(ExtensionContext root, Settings settings) {
    boolean longestFirst =
        root.getConfigurationParameter(CLASS_ORDER)
            .filter(LONGEST_CLASSES_FIRST::equals)
            .isPresent();
    if (!longestFirst) {
      return ExpectedTimes.NONE;
    }
    try {
      return ExpectedTimes.read(settings.timingsFile());
    } catch (RuntimeException e) {
      return ExpectedTimes.NONE; // the orderer reported it when it read the same file
    }
  }

  TestRun run() {
    return run;
  }

  Settings settings() {
    return run.settings();
  }

  /** Waits for the run's services (a start failure fails the caller) and reports them once. */
  Map<Service, ServiceInfo> awaitServices(ExtensionContext context) {
    Map<Service, ServiceInfo> services = run.awaitServices();
    if (!reportedServices) {
      synchronized (this) {
        if (!reportedServices) {
          reportedServices = true;
          services.forEach(
              (s, info) ->
                  context
                      .getRoot()
                      .publishReportEntry(
                          ReportEntries.serviceReadyMillis(s.id()),
                          Long.toString(info.readyTime().toMillis())));
        }
      }
    }
    return services;
  }

  /**
   * Leases a lane for the holder {@code owner}, which uses {@code used} of the run's services, one
   * of {@code preferred} if free, and reports how long preparing it took. Among waiting holders,
   * the one whose class is expected to take longest gets the next lane.
   */
  LaneLease lease(
      ExtensionContext owner,
      String holder,
      boolean resetAtLease,
      List<String> data,
      Set<Integer> preferred,
      Set<Service> used) {
    awaitServices(owner);
    LaneLease lease =
        run.lease(
            LeaseRequest.of(holder)
                .withResetAtLease(resetAtLease)
                .withData(data)
                .preferring(preferred)
                .using(used)
                .withPriority(expectedMillis(owner)));
    owner.publishReportEntry(
        ReportEntries.lanePrepareMillis(lease.lane().name()),
        Long.toString(lease.prepareTime().toMillis()));
    return lease;
  }

  /** The expected time of {@code owner}'s outermost test class; 0 without expected times. */
  private long expectedMillis(ExtensionContext owner) {
    if (expected.isEmpty()) {
      return 0;
    }
    ExtensionContext outermost = owner;
    while (outermost.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
      outermost = outermost.getParent().orElseThrow();
    }
    return outermost.getTestClass().map(c -> expected.millis(c.getName())).orElse(0L);
  }

  /** The services of this run, for error messages. */
  Set<Service> services() {
    return run.services();
  }

  @Override
  public void close() throws Exception {
    run.close();
  }
}

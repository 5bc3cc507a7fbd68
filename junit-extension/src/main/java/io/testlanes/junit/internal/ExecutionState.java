package io.testlanes.junit.internal;

import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.junit.internal.plan.JunitSettings;
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
 * it: the {@link TestRun} of this execution's settings, and whether its services were reported.
 */
@SuppressWarnings("deprecation") // CloseableResource: the only closing contract of JUnit 5.12
final class ExecutionState implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  private final TestRun run;
  private volatile boolean reportedServices;

  private ExecutionState(TestRun run) {
    this.run = run;
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
    return new ExecutionState(TestRun.join(settingsOf(root, loader), loader));
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
   * of {@code preferred} if free, and reports how long preparing it took.
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
                .using(used));
    owner.publishReportEntry(
        ReportEntries.lanePrepareMillis(lease.lane().name()),
        Long.toString(lease.prepareTime().toMillis()));
    return lease;
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

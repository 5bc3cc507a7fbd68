/**
 * The test run as an API: what every integration of testlanes (the JUnit extension, the Spring
 * module, benchmarks, the command line) is built on. A {@link io.testlanes.run.TestRun} attaches
 * this JVM to the run's service host (starting it if needed), makes sure the run's services run,
 * and leases {@link io.testlanes.run.LaneLease lanes}: a worker permit of this JVM plus the
 * run-wide lock of one lane, prepared and reset to the template's state.
 *
 * <pre>{@code
 * TestRun run = TestRun.join(Settings.load(), getClass().getClassLoader());
 * try (LaneLease lease = run.lease(LeaseRequest.of("my test"))) {
 *   DataSource db = run.clients().dataSource(lease.lane());
 *   ...
 *   lease.reset();
 * }
 * }</pre>
 */
@NullMarked
package io.testlanes.run;

import org.jspecify.annotations.NullMarked;

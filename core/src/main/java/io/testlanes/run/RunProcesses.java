package io.testlanes.run;

import io.testlanes.config.Service;
import io.testlanes.internal.run.RunHost;
import java.util.Optional;

/**
 * What a process of a run is, from what {@code /proc} shows of it: the run's service host, or an
 * embedded service the host started. For tools that put a run's CPU time or memory where it
 * belongs: the run report and the benchmarks.
 *
 * <p>The embedded services are the host's children: PostgreSQL ({@code initdb}, then {@code
 * postgres} with one process per connection), {@code redis-server}, and Cassandra as a JVM running
 * {@code CassandraDaemon}. Services of the docker and external backends are not on this machine's
 * process tree, or not under the host.
 */
public final class RunProcesses {
  private static final String CASSANDRA_PACKAGE = "org.apache.cassandra.";

  private RunProcesses() {}

  /**
   * Whether a process is a service host.
   *
   * @param cmdline its command line ({@code /proc/<pid>/cmdline} with NULs as spaces)
   */
  public static boolean isHost(String cmdline) {
    return cmdline.contains(RunHost.class.getName());
  }

  /**
   * The embedded service a process belongs to, if it is one.
   *
   * @param comm its command name ({@code /proc/<pid>/comm}, or the name in parentheses of {@code
   *     /proc/<pid>/stat})
   * @param cmdline its command line ({@code /proc/<pid>/cmdline} with NULs as spaces)
   */
  public static Optional<Service> service(String comm, String cmdline) {
    if (cmdline.contains(CASSANDRA_PACKAGE)) {
      return Optional.of(Service.CASSANDRA);
    }
    if (comm.equals("postgres") || comm.equals("initdb") || comm.equals("pg_ctl")) {
      return Optional.of(Service.POSTGRES);
    }
    if (comm.startsWith("redis-server")) {
      return Optional.of(Service.REDIS);
    }
    return Optional.empty();
  }
}

package io.testlanes.benchmarks.jmh;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.run.LaneLease;
import io.testlanes.run.LeaseRequest;
import io.testlanes.run.ServiceInfo;
import io.testlanes.run.TestRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The services of one JMH trial through the public run API: a run of its own on the example schema,
 * lane 1 leased, stopped at the end.
 */
final class Services implements AutoCloseable {
  final Settings settings;
  final TestRun run;
  final LaneLease lane1;

  Services(Set<Service> services, String name) {
    this(services, name, false);
  }

  /**
   * @param seeded whether the schema carries the benchmarks' seed rows ({@code jmh/shop-seed.sql}:
   *     350 rows in three Postgres tables; {@code jmh/shop-seed.cql}: 300 rows in three Cassandra
   *     tables) after the example schema
   */
  Services(Set<Service> services, String name, boolean seeded) {
    this.settings =
        Settings.load(
            List.of(
                ConfigSource.systemProperties(),
                ConfigSource.of(
                    "benchmark",
                    Map.of(
                        Keys.RUN_ID,
                        "bench-jmh-" + name + "-" + ProcessHandle.current().pid(),
                        Keys.SERVICES,
                        services.stream().map(Service::id).collect(Collectors.joining(",")),
                        Keys.WORKERS,
                        "4",
                        Keys.POSTGRES_SCHEMA,
                        seeded ? "db/schema.sql,jmh/shop-seed.sql" : "db/schema.sql",
                        Keys.CASSANDRA_SCHEMA,
                        seeded
                            ? "cassandra/schema.cql,jmh/shop-seed.cql"
                            : "cassandra/schema.cql"))));
    this.run = TestRun.join(settings, Services.class.getClassLoader());
    run.awaitLanes();
    this.lane1 = run.lease(LeaseRequest.of("jmh " + name));
  }

  ServiceInfo service(Service s) {
    return Objects.requireNonNull(run.awaitServices().get(s), s.id());
  }

  @Override
  public void close() throws Exception {
    lane1.close();
    run.close();
    TestRun.down(settings, false, Duration.ofSeconds(60));
  }
}

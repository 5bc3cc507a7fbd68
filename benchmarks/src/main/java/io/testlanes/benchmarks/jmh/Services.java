package io.testlanes.benchmarks.jmh;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.lane.Lanes;
import io.testlanes.internal.run.RunClient;
import io.testlanes.internal.run.RunDirectory;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The services of one JMH trial: a run of its own, its lanes on one store, stopped at the end. */
final class Services implements AutoCloseable {
  final Settings settings;
  final RunClient client;
  final Map<Service, ServiceEndpoint> endpoints;
  final Lanes lanes;

  Services(Set<Service> services, String name) {
    this.settings =
        Settings.load(
            List.of(
                ConfigSource.systemProperties(),
                ConfigSource.of(
                    "benchmark",
                    Map.of(
                        Keys.RUN_ID,
                        "bench-jmh-" + name + "-" + ProcessHandle.current().pid(),
                        Keys.KEEP_ALIVE,
                        "0",
                        Keys.WORKERS,
                        "4",
                        Keys.POSTGRES_SCHEMA,
                        "db/schema.sql",
                        Keys.CASSANDRA_SCHEMA,
                        "cassandra/schema.cql"))));
    this.client = RunClient.shared(settings);
    this.endpoints = client.ensure(EnumSet.copyOf(services));
    this.lanes = Lanes.open(settings, endpoints.values(), 8, Services.class.getClassLoader());
    lanes.initialise();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    lanes.close();
    RunDirectory dir = client.runDirectory();
    client.close();
    RunClient.down(dir, Duration.ofSeconds(60));
  }
}

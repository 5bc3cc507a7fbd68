package io.testlanes.benchmarks.jmh;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.run.LaneLeases;
import io.testlanes.internal.run.LaneLeases.LaneLease;
import io.testlanes.internal.run.RunClient;
import io.testlanes.internal.run.RunDirectory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one lane costs on each store, and what the run host costs a JVM. Average time per operation
 * in milliseconds. Postgres resets and Cassandra resets run on the example schema with empty
 * tables.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LaneBenchmarks {

  /** Postgres alone: the example schema's template, and a raw connection for the clone SQL. */
  @State(Scope.Benchmark)
  public static class Postgres {
    @Param({"FILE_COPY", "WAL_LOG"})
    public String strategy = "FILE_COPY";

    Services services = nullServices();
    Connection admin = nullConnection();
    String template = "";

    @Setup(Level.Trial)
    public void start() throws SQLException {
      services = new Services(EnumSet.of(Service.POSTGRES), "pg");
      services.lanes.prepare(1);
      ServiceEndpoint e =
          java.util.Objects.requireNonNull(services.endpoints.get(Service.POSTGRES));
      admin = DriverManager.getConnection(e.jdbcUrl("postgres"), e.user(), e.password());
      try (Statement st = admin.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT datname FROM pg_database WHERE datname LIKE 'testlanes_tpl_%'")) {
        if (!rs.next()) {
          throw new IllegalStateException("no testlanes template database after initialise()");
        }
        template = rs.getString(1);
      }
    }

    @TearDown(Level.Invocation)
    public void dropClone() throws SQLException {
      try (Statement st = admin.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS bench_clone");
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      admin.close();
      services.close();
    }
  }

  /** {@code CREATE DATABASE .. TEMPLATE .. STRATEGY s}: the lane clone, each strategy. */
  @Benchmark
  public void postgresClone(Postgres s) throws SQLException {
    try (Statement st = s.admin.createStatement()) {
      st.execute("CREATE DATABASE bench_clone TEMPLATE " + s.template + " STRATEGY " + s.strategy);
    }
  }

  /** TRUNCATE of every table of the example schema in one lane, as between tests. */
  @Benchmark
  public Object postgresTruncateReset(Postgres s) {
    return s.services.lanes.reset(1);
  }

  /** Redis alone. */
  @State(Scope.Benchmark)
  public static class Redis {
    Services services = nullServices();

    @Setup(Level.Trial)
    public void start() {
      services = new Services(EnumSet.of(Service.REDIS), "redis");
      services.lanes.prepare(1);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      services.close();
    }
  }

  /** FLUSHDB of one lane's logical database. */
  @Benchmark
  public Object redisFlushDb(Redis s) {
    return s.services.lanes.reset(1);
  }

  /** Cassandra alone. */
  @State(Scope.Benchmark)
  public static class Cassandra {
    Services services = nullServices();

    @Setup(Level.Trial)
    public void start() {
      services = new Services(EnumSet.of(Service.CASSANDRA), "cassandra");
      services.lanes.prepare(1);
    }

    @TearDown(Level.Invocation)
    public void dropLane2() {
      services.lanes.drop(2);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      services.close();
    }
  }

  /** A new lane's keyspace and the example schema's tables in it. */
  @Benchmark
  public Object cassandraKeyspacePrepare(Cassandra s) {
    return s.services.lanes.prepare(2);
  }

  /** TRUNCATE of the example schema's tables in one lane's keyspace. */
  @Benchmark
  public Object cassandraTruncateReset(Cassandra s) {
    return s.services.lanes.reset(1);
  }

  /**
   * A warm run host with Redis up (the cheapest service), kept alive without a client of this JVM
   * ({@code keepAlive}), for lease and attach.
   */
  @State(Scope.Benchmark)
  public static class Host {
    Settings settings = Settings.load();
    RunDirectory runDir = RunDirectory.of(settings);
    LaneLeases leases = new LaneLeases(runDir);

    @Setup(Level.Trial)
    public void start() {
      settings =
          Settings.load(
              List.of(
                  ConfigSource.systemProperties(),
                  ConfigSource.of(
                      "benchmark",
                      Map.of(
                          Keys.RUN_ID,
                          "bench-jmh-host-" + ProcessHandle.current().pid(),
                          Keys.KEEP_ALIVE,
                          "5m"))));
      try (RunClient c = RunClient.attach(settings)) {
        c.ensure(EnumSet.of(Service.REDIS));
        runDir = c.runDirectory();
      }
      leases = new LaneLeases(runDir);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      RunClient.down(runDir, Duration.ofSeconds(60));
    }
  }

  /** Lease a free lane (an OS file lock other JVMs of the run see) and release it. */
  @Benchmark
  public int laneLeaseRelease(Host s) throws Exception {
    try (LaneLease lease = s.leases.lease("jmh", Duration.ofSeconds(10))) {
      return lease.number();
    }
  }

  /** What a new test JVM pays to join a warm run: attach to its host, get the endpoints, detach. */
  @Benchmark
  public Object attachToWarmHost(Host s) {
    try (RunClient c = RunClient.attach(s.settings)) {
      return c.ensure(EnumSet.of(Service.REDIS));
    }
  }

  // JMH creates the states and calls @Setup before any benchmark method; these placeholders only
  // satisfy the null checker until then.
  @SuppressWarnings("NullAway")
  private static Services nullServices() {
    return null;
  }

  @SuppressWarnings("NullAway")
  private static Connection nullConnection() {
    return null;
  }
}

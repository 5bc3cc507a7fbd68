package io.testlanes.benchmarks.jmh;

import io.testlanes.config.Service;
import io.testlanes.run.LaneLease;
import io.testlanes.run.LeaseRequest;
import io.testlanes.run.ServiceInfo;
import io.testlanes.run.TestRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
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
      ServiceInfo e = services.service(Service.POSTGRES);
      admin =
          DriverManager.getConnection(
              "jdbc:postgresql://" + e.address() + "/postgres", e.user(), e.password());
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

  /** A lane's reset to the template's state on the example schema, as between tests. */
  @Benchmark
  public Object postgresTruncateReset(Postgres s) {
    return s.services.lane1.reset();
  }

  /** Redis alone. */
  @State(Scope.Benchmark)
  public static class Redis {
    Services services = nullServices();

    @Setup(Level.Trial)
    public void start() {
      services = new Services(EnumSet.of(Service.REDIS), "redis");
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      services.close();
    }
  }

  /** FLUSHDB of one lane's logical database. */
  @Benchmark
  public Object redisFlushDb(Redis s) {
    return s.services.lane1.reset();
  }

  /** Cassandra alone. */
  @State(Scope.Benchmark)
  public static class Cassandra {
    Services services = nullServices();

    @Setup(Level.Trial)
    public void start() {
      services = new Services(EnumSet.of(Service.CASSANDRA), "cassandra");
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      services.close();
    }
  }

  /**
   * A new lane's keyspace and the example schema's tables in it: lease lane 2 (made afresh) and
   * discard it, so that the next invocation makes it again.
   */
  @Benchmark
  public Object cassandraKeyspacePrepare(Cassandra s) {
    LaneLease lane2 = s.services.run.lease(LeaseRequest.of("jmh lane 2"));
    lane2.discard();
    return lane2.prepareTime();
  }

  /** A lane's reset on the example schema's Cassandra tables. */
  @Benchmark
  public Object cassandraTruncateReset(Cassandra s) {
    return s.services.lane1.reset();
  }

  /** A run with Redis up (the cheapest service): lane leases and requests to its host. */
  @State(Scope.Benchmark)
  public static class Host {
    Services services = nullServices();

    @Setup(Level.Trial)
    public void start() {
      services = new Services(EnumSet.of(Service.REDIS), "host");
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      services.close();
    }
  }

  /**
   * Lease a lane and release it: a worker permit, the lane's OS file lock (which every JVM of the
   * run sees) and nothing else (no reset at lease).
   */
  @Benchmark
  public Object laneLeaseRelease(Host s) {
    try (LaneLease lease = s.services.run.lease(LeaseRequest.of("jmh").withResetAtLease(false))) {
      return lease.lane();
    }
  }

  /** One request to the run's host and its answer (the run's status), as a JVM's calls pay. */
  @Benchmark
  public Object hostRoundTrip(Host s) {
    return TestRun.status(s.services.settings, false);
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

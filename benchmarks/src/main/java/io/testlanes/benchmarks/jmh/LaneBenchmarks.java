package io.testlanes.benchmarks.jmh;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.testlanes.Lane;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * in milliseconds. Resets run through the public API on the example schema with a few hundred seed
 * rows in three tables, after writing nothing, a table without seed rows, one seeded table or all
 * three; the plain TRUNCATE of every table, the reset before seed rows were kept, is measured
 * beside them.
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

  /**
   * Postgres with the example schema and the benchmarks' 350 seed rows (100 customers, 200
   * products, 50 coupons), lane 1 leased, and a connection to it that writes before each reset.
   */
  @State(Scope.Benchmark)
  public static class SeededPostgres {
    /**
     * What was written since the last reset: {@code nothing}; {@code unseeded}, a row in a table
     * without seed rows ({@code stock}); {@code oneSeeded}, a row of one seeded table changed
     * ({@code customers}: its 100 rows go back, and the empty tables that reference it are
     * truncated with it); {@code allSeeded}, a row changed in each of the three seeded tables.
     */
    @Param({"nothing", "unseeded", "oneSeeded", "allSeeded"})
    public String written = "nothing";

    Services services = nullServices();
    Connection lane = nullConnection();

    @Setup(Level.Trial)
    public void start() throws SQLException {
      services = new Services(EnumSet.of(Service.POSTGRES), "pg-seeded", true);
      lane = connect(services.lane1.lane());
    }

    @Setup(Level.Invocation)
    public void write() throws SQLException {
      try (Statement st = lane.createStatement()) {
        switch (written) {
          case "nothing" -> {}
          case "unseeded" -> st.execute("INSERT INTO stock (product_id, on_hand) VALUES (1, 5)");
          case "oneSeeded" -> st.execute("UPDATE customers SET name = 'changed' WHERE id = 1");
          case "allSeeded" -> {
            st.execute("UPDATE customers SET name = 'changed' WHERE id = 1");
            st.execute("UPDATE products SET price_cents = 1 WHERE id = 1");
            st.execute("DELETE FROM coupons WHERE code = 'COUPON1'");
          }
          default -> throw new IllegalArgumentException("unknown write " + written);
        }
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      lane.close();
      services.close();
    }
  }

  /**
   * A lane's reset to the template's state through the public API ({@link LaneLease#reset()}), as
   * between tests, after {@link SeededPostgres#written}.
   */
  @Benchmark
  public Object postgresReset(SeededPostgres s) {
    return s.services.lane1.reset();
  }

  /** The example schema's tables in lane 1, for the plain TRUNCATE that was the reset before. */
  @State(Scope.Benchmark)
  public static class PostgresTables {
    Services services = nullServices();
    Connection lane = nullConnection();
    String truncate = "";

    @Setup(Level.Trial)
    public void start() throws SQLException {
      services = new Services(EnumSet.of(Service.POSTGRES), "pg-plain");
      lane = connect(services.lane1.lane());
      try (Statement st = lane.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables"
                      + " WHERE schemaname = 'public'")) {
        rs.next();
        truncate = "TRUNCATE " + rs.getString(1) + " RESTART IDENTITY CASCADE";
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      lane.close();
      services.close();
    }
  }

  /**
   * The reset before the template's rows were kept: one {@code TRUNCATE … RESTART IDENTITY CASCADE}
   * of every table of the example schema (which empties the reference rows too). The baseline of
   * {@link #postgresReset}, measured in the same run.
   */
  @Benchmark
  public int postgresPlainTruncate(PostgresTables s) throws SQLException {
    try (Statement st = s.lane.createStatement()) {
      return st.executeUpdate(s.truncate);
    }
  }

  private static Connection connect(Lane lane) throws SQLException {
    return DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
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

  /**
   * Cassandra with the example schema and the benchmarks' 300 seed rows (100 each in {@code
   * order_events}, {@code customer_activity}, {@code customer_counters}), lane 1 leased, and a
   * session on it that writes before each reset.
   */
  @State(Scope.Benchmark)
  public static class SeededCassandra {
    /**
     * What was written since the last reset: {@code nothing}; {@code unseeded}, a row in a table
     * without seed rows ({@code product_views}); {@code oneSeeded}, a row added to one seeded table
     * ({@code order_events}: truncated, its 100 rows written again); {@code allSeeded}, a write to
     * each of the three seeded tables.
     */
    @Param({"nothing", "unseeded", "oneSeeded", "allSeeded"})
    public String written = "nothing";

    Services services = nullServices();
    CqlSession lane = nullSession();

    @Setup(Level.Trial)
    public void start() {
      services = new Services(EnumSet.of(Service.CASSANDRA), "cassandra-seeded", true);
      lane = services.run.clients().cqlSession(services.lane1.lane());
    }

    @Setup(Level.Invocation)
    public void write() {
      switch (written) {
        case "nothing" -> {}
        case "unseeded" -> lane.execute(UNSEEDED_WRITE);
        case "oneSeeded" -> lane.execute(ORDER_EVENT_WRITE);
        case "allSeeded" -> {
          lane.execute(ORDER_EVENT_WRITE);
          lane.execute(
              "INSERT INTO customer_activity (customer_id, event_id, kind, reference)"
                  + " VALUES (1, now(), 'SIGNED_IN', 'bench')");
          lane.execute("UPDATE customer_counters SET orders = orders + 1 WHERE customer_id = 1");
        }
        default -> throw new IllegalArgumentException("unknown write " + written);
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      services.close();
    }
  }

  private static final String UNSEEDED_WRITE =
      "INSERT INTO product_views (sku, day, viewed_at, customer_id)"
          + " VALUES ('SKU-1', '2026-01-01', now(), 1)";

  private static final String ORDER_EVENT_WRITE =
      "INSERT INTO order_events (order_id, event_id, type, detail)"
          + " VALUES (1000, now(), 'PLACED', 'bench')";

  /**
   * A lane's reset on Cassandra through the public API ({@link LaneLease#reset()}), after {@link
   * SeededCassandra#written}.
   */
  @Benchmark
  public Object cassandraReset(SeededCassandra s) {
    return s.services.lane1.reset();
  }

  /**
   * The reset before the template's rows were kept: list the lane's tables, then {@code TRUNCATE}
   * each of them, all at once (the example schema's five tables, reference rows included). The
   * baseline of {@link #cassandraReset}, measured in the same run.
   */
  @Benchmark
  public int cassandraPlainTruncate(Cassandra s) {
    CqlSession cql = s.services.run.clients().cqlSession(s.services.lane1.lane());
    List<CompletableFuture<?>> truncates = new ArrayList<>();
    for (Row table :
        cql.execute(
            "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?",
            s.services.lane1.lane().keyspace())) {
      truncates.add(
          cql.executeAsync("TRUNCATE TABLE \"" + table.getString(0) + "\"").toCompletableFuture());
    }
    CompletableFuture.allOf(truncates.toArray(CompletableFuture[]::new)).join();
    return truncates.size();
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

  @SuppressWarnings("NullAway")
  private static CqlSession nullSession() {
    return null;
  }
}

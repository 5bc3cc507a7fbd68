package io.testlanes.internal.lane;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import redis.clients.jedis.RedisClient;

/**
 * Timings of lane operations, median of 20, printed to stdout. Not a test: run on demand with
 * {@code -Dmeasure.lanes=true -Dtest=LaneMeasurements}.
 */
@EnabledIfSystemProperty(named = "measure.lanes", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaneMeasurements {
  private static final int RUNS = Integer.getInteger("measure.runs", 20);
  private TestServices services;

  @BeforeAll
  void start() {
    services = TestServices.start(4, Service.POSTGRES, Service.REDIS, Service.CASSANDRA);
  }

  @AfterAll
  void stop() {
    services.close();
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static void report(String what, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    System.out.printf(
        Locale.ROOT,
        "MEASURE %-62s median %8.2f ms  min %8.2f  max %8.2f  (n=%d)%n",
        what,
        median,
        sorted.get(0),
        sorted.get(n - 1),
        n);
  }

  private static double time(Callable<?> c) throws Exception {
    long t0 = System.nanoTime();
    c.call();
    return ms(System.nanoTime() - t0);
  }

  private static List<Double> concurrently(int lanes, LaneIsolationContract.LaneTask task)
      throws Exception {
    List<Double> out = Collections.synchronizedList(new ArrayList<>());
    LaneIsolationContract.concurrently(
        lanes,
        lane ->
            out.add(
                time(
                    () -> {
                      task.run(lane);
                      return null;
                    })));
    return out;
  }

  @Test
  void postgres() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.POSTGRES);
    for (PostgresIsolation.CloneStrategy strategy : PostgresIsolation.CloneStrategy.values()) {
      try (PostgresIsolation pg =
          new PostgresIsolation(
              e,
              SchemaScript.load(
                  List.of("lane/schema.sql"), getClass().getClassLoader(), Keys.POSTGRES_SCHEMA),
              strategy)) {
        pg.initialise();
        List<Double> one = new ArrayList<>();
        List<Double> four = new ArrayList<>();
        List<Double> fourEach = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          pg.drop(1);
          one.add(time(() -> pg.prepare(1)));
        }
        for (int i = 0; i < RUNS; i++) {
          for (int lane = 1; lane <= 4; lane++) {
            pg.drop(lane);
          }
          long t0 = System.nanoTime();
          fourEach.addAll(concurrently(4, pg::prepare));
          four.add(ms(System.nanoTime() - t0));
        }
        String s = strategy.name();
        report("postgres clone 1 lane, STRATEGY " + s, one);
        report("postgres clone 4 lanes concurrently (wall), STRATEGY " + s, four);
        report("postgres clone, each of 4 concurrent, STRATEGY " + s, fourEach);
      }
    }
    try (PostgresIsolation pg =
        new PostgresIsolation(
            e,
            SchemaScript.load(
                List.of("lane/schema.sql"), getClass().getClassLoader(), Keys.POSTGRES_SCHEMA),
            PostgresIsolation.CloneStrategy.FILE_COPY)) {
      pg.prepare(1);
      Lane lane = new LaneImpl(1, Map.of(Service.POSTGRES, e));
      List<Double> dirty = new ArrayList<>();
      List<Double> clean = new ArrayList<>();
      List<Double> reused = new ArrayList<>();
      try (Connection c =
              DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
          Statement s = c.createStatement()) {
        for (int i = 0; i < RUNS; i++) {
          s.execute("INSERT INTO customers (email, name) VALUES ('a" + i + "@x', 'a')");
          s.execute("INSERT INTO products (sku, title, price_cents) VALUES ('s" + i + "', 't', 1)");
          s.execute("INSERT INTO orders (customer_id) SELECT id FROM customers");
          dirty.add(time(() -> pg.reset(1)));
        }
      }
      for (int i = 0; i < RUNS; i++) {
        clean.add(time(() -> pg.reset(1)));
      }
      for (int i = 0; i < RUNS; i++) {
        reused.add(time(() -> pg.prepare(1)));
      }
      report("postgres reset (TRUNCATE 5 tables) after writes to 3", dirty);
      report("postgres reset of an empty lane", clean);
      report("postgres prepare of an existing lane, same schema (reuse)", reused);
    }
  }

  @Test
  void cassandra() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.CASSANDRA);
    cassandraPrepare(e, "keyspace on each request", true, RUNS);
    cassandraPrepare(e, "a session per keyspace (protocol v4 path)", false, 5);

    try (CassandraIsolation c = cassandra(e);
        CqlSession client =
            CqlSession.builder()
                .addContactPoint(new java.net.InetSocketAddress(e.host(), e.port()))
                .withLocalDatacenter("datacenter1")
                .withAuthCredentials(e.user(), e.password())
                .build()) {
      c.prepare(1);
      List<Double> dirty = new ArrayList<>();
      List<Double> clean = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        client.execute("INSERT INTO lane_1.orders (order_id, status) VALUES (" + i + ", 'x')");
        client.execute(
            "UPDATE lane_1.product_views SET views = views + 1 WHERE product_id = 1 AND day = '2026-11-26'");
        dirty.add(time(() -> c.reset(1)));
        clean.add(time(() -> c.reset(1)));
      }
      report("cassandra reset (TRUNCATE 5 tables at once) after writes to 2", dirty);
      report("cassandra reset of an empty lane", clean);
      List<Double> reused = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        reused.add(time(() -> c.prepare(1)));
      }
      report("cassandra prepare of an existing keyspace, same schema (reuse)", reused);
    }
  }

  private CassandraIsolation cassandra(ServiceEndpoint e) {
    return new CassandraIsolation(
        e,
        SchemaScript.load(
            List.of("lane/schema.cql"), getClass().getClassLoader(), Keys.CASSANDRA_SCHEMA));
  }

  private void cassandraPrepare(
      ServiceEndpoint e, String variant, boolean keyspaceOnRequest, int runs) throws Exception {
    try (CassandraIsolation c = cassandra(e)) {
      c.keyspaceOnRequest(keyspaceOnRequest);
      c.initialise();
      List<Double> one = new ArrayList<>();
      List<Double> four = new ArrayList<>();
      List<Double> fourEach = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        c.drop(1);
        one.add(time(() -> c.prepare(1)));
      }
      for (int i = 0; i < runs; i++) {
        for (int lane = 1; lane <= 4; lane++) {
          c.drop(lane);
        }
        long t0 = System.nanoTime();
        fourEach.addAll(concurrently(4, c::prepare));
        four.add(ms(System.nanoTime() - t0));
      }
      report("cassandra keyspace+5 tables, 1 lane, " + variant, one);
      report("cassandra 4 lanes concurrently (wall), " + variant, four);
      report("cassandra each of 4 concurrent, " + variant, fourEach);
    }
  }

  @Test
  void redis() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.REDIS);
    try (RedisIsolation r = new RedisIsolation(e, 4);
        RedisClient client = RedisClient.create(URI.create(e.redisUri(1)))) {
      r.initialise();
      List<Double> prepare = new ArrayList<>();
      List<Double> dirty = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        prepare.add(time(() -> r.prepare(1)));
        for (int k = 0; k < 100; k++) {
          client.set("k" + k, "v");
        }
        dirty.add(time(() -> r.reset(1)));
      }
      report("redis prepare (FLUSHDB)", prepare);
      report("redis reset after 100 keys (FLUSHDB)", dirty);
    }
  }
}

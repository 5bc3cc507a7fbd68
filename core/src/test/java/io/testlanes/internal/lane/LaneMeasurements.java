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

  // --- reset back to the template's state, side by side with the plain TRUNCATE of before -----

  private static final int WARMUP = 3;

  /** The reset before seed rows were kept: one TRUNCATE of every table, identities restarted. */
  private static final String PLAIN_TRUNCATE =
      """
      DO $m$
      DECLARE t text;
      BEGIN
        SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO t FROM pg_tables
         WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'testlanes_template')
           AND schemaname NOT LIKE 'pg\\_%' AND tablename <> 'flyway_schema_history';
        EXECUTE 'TRUNCATE ' || t || ' RESTART IDENTITY CASCADE';
      END
      $m$""";

  /** The examples' schema file (run from core/). */
  private static SchemaScript example(String path) throws java.io.IOException {
    return moduleScript("examples", path);
  }

  /** The benchmarks' seed rows for the examples' schema (run from core/). */
  private static SchemaScript seed(String path) throws java.io.IOException {
    return moduleScript("benchmarks", path);
  }

  private static SchemaScript moduleScript(String module, String path) throws java.io.IOException {
    return new SchemaScript(
        path,
        java.nio.file.Files.readString(
            java.nio.file.Path.of("..", module, "src/main/resources", path)));
  }

  /** Adds a timing to {@code what}'s list after the warm-up rounds. */
  private static void record(
      Map<String, List<Double>> m, String what, int round, Callable<?> operation) throws Exception {
    double t = time(operation);
    if (round >= WARMUP) {
      m.computeIfAbsent(what, k -> new ArrayList<>()).add(t);
    }
  }

  @Test
  void postgresResetOldAndNew() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.POSTGRES);
    List<SchemaScript> scripts = List.of(example("db/schema.sql"), seed("jmh/shop-seed.sql"));
    Map<String, String> writes = new java.util.LinkedHashMap<>();
    writes.put("nothing written", "SELECT 1");
    writes.put(
        "one table without seed rows written (stock)",
        "INSERT INTO stock (product_id, on_hand) SELECT id, 5 FROM products ORDER BY id LIMIT 1"
            + " ON CONFLICT DO NOTHING");
    writes.put(
        "a new customer and order (customers seeded: 4 tables truncated)",
        "WITH c AS (INSERT INTO customers (email, name) VALUES ('new@example.com', 'n')"
            + " ON CONFLICT DO NOTHING RETURNING id)"
            + " INSERT INTO orders (customer_id, total_cents) SELECT id, 100 FROM c");
    writes.put(
        "all 3 seeded tables changed (7 tables truncated, 350 rows restored)",
        "UPDATE customers SET name = 'x' WHERE email = 'customer1@example.com';"
            + " UPDATE products SET active = false WHERE sku = 'SKU-1';"
            + " UPDATE coupons SET max_redemptions = 1 WHERE code = 'COUPON1'");
    Map<String, List<Double>> m = new java.util.LinkedHashMap<>();
    try (PostgresIsolation pg =
            prepared(new PostgresIsolation(e, scripts, PostgresIsolation.CloneStrategy.FILE_COPY));
        Connection old = open(e, 1);
        Connection now = open(e, 2);
        Statement o = old.createStatement();
        Statement n = now.createStatement()) {
      for (int round = 0; round < RUNS + WARMUP; round++) {
        for (Map.Entry<String, String> w : writes.entrySet()) {
          o.execute(w.getValue());
          record(
              m,
              "postgres old TRUNCATE all 7, " + w.getKey(),
              round,
              () -> o.execute(PLAIN_TRUNCATE));
          n.execute(w.getValue());
          record(m, "postgres new reset, " + w.getKey(), round, () -> pg.reset(2));
          if (round == WARMUP) {
            n.execute(w.getValue());
            System.out.println("MEASURE detail: " + pg.reset(2));
          }
        }
      }
      System.out.println("MEASURE postgres last reset: " + pg.reset(2));
    }
    m.forEach(LaneMeasurements::report);
  }

  /**
   * The ways to tell a written table that this change did not take: statistics counters (how often
   * a write just committed in another session does not show yet) and statement-level triggers (what
   * they add to a test's writes).
   */
  @Test
  void postgresChangeDetectionOptions() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.POSTGRES);
    List<SchemaScript> scripts = List.of(example("db/schema.sql"));
    Map<String, List<Double>> m = new java.util.LinkedHashMap<>();
    try (PostgresIsolation pg =
            prepared(new PostgresIsolation(e, scripts, PostgresIsolation.CloneStrategy.FILE_COPY));
        Connection test = open(e, 1);
        Connection reset = open(e, 1);
        Statement t = test.createStatement();
        Statement r = reset.createStatement()) {
      int unseen = 0;
      for (int i = 0; i < RUNS; i++) {
        t.execute(
            "INSERT INTO coupons (code, percent_off, max_redemptions) VALUES ('C" + i + "', 1, 1)");
        try (java.sql.ResultSet rs =
            r.executeQuery("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'coupons'")) {
          rs.next();
          unseen += rs.getLong(1) <= i ? 1 : 0;
        }
      }
      System.out.printf(
          "MEASURE postgres pg_stat_user_tables: %d of %d committed inserts not counted yet when"
              + " another session looked at once%n",
          unseen, RUNS);
      t.execute(
          "CREATE UNLOGGED TABLE dirty (rel oid PRIMARY KEY);"
              + " CREATE FUNCTION mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " INSERT INTO dirty VALUES (TG_RELID) ON CONFLICT DO NOTHING; RETURN NULL; END $$");
      for (int round = 0; round < RUNS + WARMUP; round++) {
        for (boolean trigger : new boolean[] {false, true}) {
          t.execute(
              trigger
                  ? "CREATE TRIGGER mark AFTER INSERT OR UPDATE OR DELETE ON coupons"
                      + " FOR EACH STATEMENT EXECUTE FUNCTION mark()"
                  : "DROP TRIGGER IF EXISTS mark ON coupons");
          int base = round * 1000 + (trigger ? 500 : 0);
          record(
              m,
              "postgres 200 single-row inserts, statement trigger " + (trigger ? "on" : "off"),
              round,
              () -> {
                for (int i = 0; i < 200; i++) {
                  t.execute(
                      "INSERT INTO coupons (code, percent_off, max_redemptions) VALUES ('T"
                          + (base + i)
                          + "', 1, 1)");
                }
                return null;
              });
        }
      }
    }
    m.forEach(LaneMeasurements::report);
  }

  private static <T extends StoreIsolation> T prepared(T isolation) {
    isolation.prepare(1);
    isolation.prepare(2);
    return isolation;
  }

  private static Connection open(ServiceEndpoint e, int lane) throws java.sql.SQLException {
    Lane facts = new LaneImpl(lane, Map.of(Service.POSTGRES, e));
    return DriverManager.getConnection(facts.jdbcUrl(), facts.jdbcUser(), facts.jdbcPassword());
  }

  @Test
  void cassandraResetOldAndNew() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.CASSANDRA);
    List<SchemaScript> scripts =
        List.of(example("cassandra/schema.cql"), seed("jmh/shop-seed.cql"));
    Map<String, List<String>> writes = new java.util.LinkedHashMap<>();
    writes.put("nothing written", List.of());
    writes.put(
        "one table without seed rows written (product_views)",
        List.of(
            "INSERT INTO %s.product_views (sku, day, viewed_at) VALUES ('a', '2026-01-01', now())"));
    writes.put(
        "one row added to a seeded table (order_events, 100 seed rows)",
        List.of("INSERT INTO %s.order_events (order_id, event_id) VALUES (1000, now())"));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(
          "INSERT INTO %s.order_events (order_id, event_id) VALUES (" + (2000 + i) + ", now())");
    }
    writes.put("30 rows added to a seeded table (order_events: truncated, 100 rows again)", many);
    writes.put(
        "a row in each of the 4 tables (4 truncated, 300 rows again)",
        List.of(
            "INSERT INTO %s.product_views (sku, day, viewed_at) VALUES ('a', '2026-01-01', now())",
            "INSERT INTO %s.order_events (order_id, event_id) VALUES (1000, now())",
            "INSERT INTO %s.customer_activity (customer_id, event_id) VALUES (1000, now())",
            "UPDATE %s.customer_counters SET orders = orders + 1 WHERE customer_id = 1000"));
    Map<String, List<Double>> m = new java.util.LinkedHashMap<>();
    try (CassandraIsolation c = new CassandraIsolation(e, scripts);
        CqlSession client =
            CqlSession.builder()
                .addContactPoint(new java.net.InetSocketAddress(e.host(), e.port()))
                .withLocalDatacenter("datacenter1")
                .build()) {
      c.prepare(1);
      c.prepare(2);
      for (int round = 0; round < RUNS + WARMUP; round++) {
        for (Map.Entry<String, List<String>> w : writes.entrySet()) {
          w.getValue().forEach(q -> client.execute(String.format(q, "lane_1")));
          record(
              m,
              "cassandra old TRUNCATE all 4, " + w.getKey(),
              round,
              () -> plainTruncate(client, "lane_1"));
          w.getValue().forEach(q -> client.execute(String.format(q, "lane_2")));
          record(m, "cassandra new reset, " + w.getKey(), round, () -> c.reset(2));
          if (round == WARMUP) {
            w.getValue().forEach(q -> client.execute(String.format(q, "lane_2")));
            System.out.println("MEASURE detail: " + c.reset(2));
          }
        }
      }
      System.out.println("MEASURE cassandra last reset: " + c.reset(2));
      for (int round = 0; round < RUNS + WARMUP; round++) {
        record(
            m,
            "cassandra query: system_schema.tables of a keyspace",
            round,
            () ->
                client
                    .execute(
                        "SELECT table_name, id FROM system_schema.tables WHERE keyspace_name = 'lane_2'")
                    .all());
        record(
            m,
            "cassandra query: write counts, keyspace ALLOW FILTERING",
            round,
            () ->
                client
                    .execute(
                        "SELECT table_name, count FROM system_views.local_write_latency WHERE keyspace_name = 'lane_2' ALLOW FILTERING")
                    .all());
        record(
            m,
            "cassandra query: write counts, keyspace and table IN (4)",
            round,
            () ->
                client
                    .execute(
                        "SELECT table_name, count FROM system_views.local_write_latency WHERE keyspace_name = 'lane_2' AND table_name IN ('order_events', 'customer_activity', 'customer_counters', 'product_views')")
                    .all());
      }
      durableWrites(client, m);
    }
    m.forEach(LaneMeasurements::report);
  }

  /** Today's Cassandra reset before this change: every table of the keyspace truncated at once. */
  private static int plainTruncate(CqlSession s, String keyspace) {
    List<java.util.concurrent.CompletionStage<?>> all = new ArrayList<>();
    for (com.datastax.oss.driver.api.core.cql.Row r :
        s.execute(
            com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace))) {
      all.add(s.executeAsync("TRUNCATE TABLE " + keyspace + "." + r.getString(0)));
    }
    all.forEach(f -> f.toCompletableFuture().join());
    return all.size();
  }

  /**
   * 200 inserts one after another, then TRUNCATE of the 4 tables, into a keyspace with durable
   * writes off and on in turn (with them on, TRUNCATE flushes the memtable to disk first).
   */
  private static void durableWrites(CqlSession client, Map<String, List<Double>> m)
      throws Exception {
    for (int round = 0; round < RUNS + WARMUP; round++) {
      for (boolean durable : new boolean[] {false, true}) {
        client.execute("ALTER KEYSPACE lane_1 WITH durable_writes = " + durable);
        int base = round * 1000;
        record(
            m,
            "cassandra 200 inserts one by one, durable_writes = " + durable,
            round,
            () -> {
              for (int i = 0; i < 200; i++) {
                client.execute(
                    "INSERT INTO lane_1.order_events (order_id, event_id, type) VALUES ("
                        + (base + i)
                        + ", now(), 'x')");
              }
              return null;
            });
        record(
            m,
            "cassandra TRUNCATE all 4 after them, durable_writes = " + durable,
            round,
            () -> plainTruncate(client, "lane_1"));
      }
    }
    client.execute("ALTER KEYSPACE lane_1 WITH durable_writes = false");
  }
}

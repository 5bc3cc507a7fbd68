package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The facade on all three stores: one operation per lane runs on every store, timed per store. */
class LanesTest {
  private static final int LANES = 4;
  private static TestServices services;
  private static Lanes lanes;

  private static Settings settings(String isolation) {
    return Settings.load(
        List.of(
            ConfigSource.of(
                "test",
                Map.of(
                    Keys.POSTGRES_SCHEMA, "lane/schema.sql",
                    Keys.CASSANDRA_SCHEMA, "lane/schema.cql",
                    Keys.ISOLATION, isolation))));
  }

  @BeforeAll
  static void start() {
    services = TestServices.start(LANES, Service.POSTGRES, Service.REDIS, Service.CASSANDRA);
    lanes =
        Lanes.open(
            settings("lanes"), services.endpoints(), LANES, LanesTest.class.getClassLoader());
  }

  @AfterAll
  static void stop() {
    try {
      if (lanes != null) {
        lanes.close();
      }
    } finally {
      services.close();
    }
  }

  @Test
  void preparesLanesOnEveryStoreAtOnceAndTimesEachStore() throws Exception {
    LaneTimings init = lanes.initialise();
    assertThat(init.stores()).containsOnlyKeys(Service.values());

    List<LaneTimings> prepared = lanes.prepareAll(List.of(1, 2, 3, 4));

    assertThat(prepared)
        .extracting(LaneTimings::subject)
        .containsExactly("lane_1", "lane_2", "lane_3", "lane_4");
    for (LaneTimings t : prepared) {
      assertThat(t.stores()).containsOnlyKeys(Service.values());
      assertThat(t.wall()).isPositive();
      assertThat(t.toString()).startsWith("prepare " + t.subject() + " in ");
    }

    Lane lane = lanes.lane(2);
    assertThat(lane.name()).isEqualTo("lane_2");
    try (Connection c =
            DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database(), count(*) FROM orders")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("lane_2");
      assertThat(rs.getLong(2)).isZero();
      s.execute("INSERT INTO customers (email, name) VALUES ('a@example.com', 'a')");
    }
    try (RedisClient redis = RedisClient.create(URI.create(lane.redisUri()))) {
      redis.set("k", "v");
    }
    try (CqlSession cql =
        CqlSession.builder()
            .addContactPoint(lane.cassandraContactPoint())
            .withLocalDatacenter(lane.cassandraLocalDatacenter())
            .withAuthCredentials(lane.cassandraUser(), lane.cassandraPassword())
            .withKeyspace(lane.keyspace())
            .build()) {
      cql.execute("INSERT INTO orders (order_id, status) VALUES (1, 'new')");

      LaneTimings reset = lanes.reset(2);

      assertThat(reset.stores()).containsOnlyKeys(Service.values());
      assertThat(reset.store(Service.CASSANDRA).orElseThrow().detail())
          .isEqualTo("truncated 1 of 5 table(s) [orders]");
      assertThat(cql.execute("SELECT * FROM orders").one()).isNull();
    }
    try (RedisClient redis = RedisClient.create(URI.create(lane.redisUri()))) {
      assertThat(redis.dbSize()).isZero();
    }
    try (Connection c =
            DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void dataScriptsRunAfterPrepareAndEachResetAndAKeptLaneKeepsWhatItsHolderLeft() throws Exception {
    Settings seeded =
        Settings.load(
            List.of(
                ConfigSource.of(
                    "test",
                    Map.of(
                        Keys.POSTGRES_SCHEMA, "lane/schema.sql,lane/seed.sql",
                        Keys.CASSANDRA_SCHEMA, "lane/schema.cql,lane/seed.cql"))));
    ClassLoader loader = LanesTest.class.getClassLoader();
    LaneData data =
        LaneData.load(
            List.of("lane/class-data.sql", "lane/class-data.cql"),
            loader,
            List.of(Service.values()));
    try (Lanes first = Lanes.open(seeded, services.endpoints(), LANES, loader)) {
      LaneTimings prepared = first.prepare(4, true, data);
      assertThat(prepared.store(Service.POSTGRES).orElseThrow().detail())
          .endsWith("applied lane/class-data.sql to lane_4: 2 statement(s)");
      Lane lane = first.lane(4);
      assertThat(currencies(lane)).containsExactly("CHF", "EUR", "JPY", "USD");
      assertThat(cassandraCurrencies(lane)).containsExactlyInAnyOrder("CHF", "EUR", "JPY", "USD");

      writeCurrency(lane, "GBP");
      first.reset(4, data);
      assertThat(currencies(lane)).containsExactly("CHF", "EUR", "JPY", "USD");
      assertThat(cassandraCurrencies(lane)).containsExactlyInAnyOrder("CHF", "EUR", "JPY", "USD");

      writeCurrency(lane, "GBP");
      assertThat(first.prepare(4, false, LaneData.NONE).operation()).isEqualTo("keep");
      assertThat(currencies(lane)).containsExactly("CHF", "EUR", "GBP", "JPY", "USD");
    }
    // Another JVM of the run: it has not seen the lane, and keeps it as the last holder left it.
    try (Lanes other = Lanes.open(seeded, services.endpoints(), LANES, loader)) {
      LaneTimings kept = other.prepare(4, false, LaneData.NONE);
      assertThat(kept.store(Service.POSTGRES).orElseThrow().detail())
          .isEqualTo("kept lane_4 (same schema) as its last holder left it");
      assertThat(kept.store(Service.CASSANDRA).orElseThrow().detail())
          .isEqualTo("kept lane_4 (same schema) as its last holder left it");
      Lane lane = other.lane(4);
      assertThat(currencies(lane)).containsExactly("CHF", "EUR", "GBP", "JPY", "USD");
      assertThat(cassandraCurrencies(lane))
          .containsExactlyInAnyOrder("CHF", "EUR", "GBP", "JPY", "USD");

      other.prepare(4, true, LaneData.NONE);
      assertThat(currencies(lane)).containsExactly("CHF", "EUR", "USD");
      assertThat(cassandraCurrencies(lane)).containsExactlyInAnyOrder("CHF", "EUR", "USD");
    }
  }

  @Test
  void aDataScriptThatIsMissingHasNoStoreOrNoServiceIsRefused() {
    ClassLoader loader = LanesTest.class.getClassLoader();
    assertThatThrownBy(
            () -> LaneData.load(List.of("lane/nope.sql"), loader, Set.of(Service.POSTGRES)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "data script 'lane/nope.sql' is not on the class path: expected a resource such as"
                + " src/test/resources/lane/nope.sql. Fix: add the file there, or correct its"
                + " location.");
    assertThatThrownBy(
            () -> LaneData.load(List.of("lane/seed.txt"), loader, Set.of(Service.POSTGRES)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "data script 'lane/seed.txt' has no store: expected a name ending in .sql (run in"
                + " Postgres) or .cql (run in Cassandra).");
    assertThatThrownBy(
            () -> LaneData.load(List.of("lane/class-data.cql"), loader, Set.of(Service.POSTGRES)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "data script 'lane/class-data.cql' is for cassandra, which is not a service of this"
                + " run (it has: postgres). Fix: remove the script, or add cassandra to"
                + " testlanes.services (or its client driver to the test class path).");
  }

  private static List<String> currencies(Lane lane) throws Exception {
    List<String> codes = new java.util.ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT code FROM currencies ORDER BY code")) {
      while (rs.next()) {
        codes.add(rs.getString(1));
      }
    }
    return codes;
  }

  private static List<String> cassandraCurrencies(Lane lane) {
    try (CqlSession cql = cql(lane)) {
      return cql.execute("SELECT code FROM currencies").all().stream()
          .map(r -> r.getString(0))
          .toList();
    }
  }

  private static void writeCurrency(Lane lane, String code) throws Exception {
    try (Connection c =
            DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO currencies (code, name) VALUES ('" + code + "', 'x')");
    }
    try (CqlSession cql = cql(lane)) {
      cql.execute("INSERT INTO currencies (code, name) VALUES ('" + code + "', 'x')");
    }
  }

  private static CqlSession cql(Lane lane) {
    return CqlSession.builder()
        .addContactPoint(lane.cassandraContactPoint())
        .withLocalDatacenter(lane.cassandraLocalDatacenter())
        .withAuthCredentials(lane.cassandraUser(), lane.cassandraPassword())
        .withKeyspace(lane.keyspace())
        .build();
  }

  @Test
  void sharedIsolationPutsEveryWorkerOnOneLane() {
    try (Lanes shared =
        Lanes.open(
            settings("shared"), services.endpoints(), LANES, LanesTest.class.getClassLoader())) {
      assertThat(shared.effective(3)).isEqualTo(LaneNames.SHARED);
      Lane lane = shared.lane(3);
      assertThat(lane.name()).isEqualTo("testlanes_shared");
      assertThat(lane.database()).isEqualTo("testlanes_shared");
      assertThat(lane.keyspace()).isEqualTo("testlanes_shared");
      assertThat(lane.redisDatabase()).isZero();
      assertThat(shared.prepare(1).subject()).isEqualTo("testlanes_shared");
      assertThat(shared.prepare(4).subject()).isEqualTo("testlanes_shared");
    }
  }

  @Test
  void laneNumbersOutsideTheRunAreRejected() {
    assertThatThrownBy(() -> lanes.lane(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane numbers of a run are 1..1024, got 0");
    assertThatThrownBy(() -> lanes.prepare(1025))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lane numbers of a run are 1..1024, got 1025");
  }

  @Test
  void aServiceNotInTheRunSaysHowToAddIt() {
    Lane postgresOnly =
        new LaneImpl(1, Map.of(Service.POSTGRES, services.endpoint(Service.POSTGRES)));
    assertThat(postgresOnly.database()).isEqualTo("lane_1");
    assertThatThrownBy(postgresOnly::keyspace)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "cassandra is not a service of this run, so lane_1 has no cassandra part.")
        .hasMessageContaining("include cassandra in testlanes.services")
        .hasMessageContaining("com.datastax.oss.driver.api.core.CqlSession");
    assertThatThrownBy(postgresOnly::redisUri)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("redis is not a service of this run");
  }

  @Test
  void aMissingSchemaScriptNamesTheKey() {
    Settings missing =
        Settings.load(
            List.of(ConfigSource.of("test", Map.of(Keys.POSTGRES_SCHEMA, "lane/nope.sql"))));
    assertThatThrownBy(
            () ->
                Lanes.open(missing, services.endpoints(), LANES, LanesTest.class.getClassLoader()))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.key()).isEqualTo(Keys.POSTGRES_SCHEMA))
        .hasMessageContaining("'lane/nope.sql'")
        .hasMessageContaining("is not on the classpath");
  }
}

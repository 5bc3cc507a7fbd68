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

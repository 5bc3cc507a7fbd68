package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.Lane;
import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flyway migrations build the Postgres template when testlanes.postgres.flyway is set. */
class FlywayLanesTest {
  private static TestServices services;

  @BeforeAll
  static void start() {
    services = TestServices.start(2, Service.POSTGRES);
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  private static Lanes lanes(String flyway) {
    Settings s =
        Settings.load(List.of(ConfigSource.of("test", Map.of(Keys.POSTGRES_FLYWAY, flyway))));
    return Lanes.open(s, services.endpoints(), 2, FlywayLanesTest.class.getClassLoader());
  }

  private static long count(Lane lane, String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void migrationsBuildTheTemplateAndResetKeepsTheirHistory() throws Exception {
    try (Lanes lanes = lanes("classpath:lane/flyway")) {
      lanes.prepare(1);
      Lane lane = lanes.lane(1);
      assertThat(count(lane, "SELECT count(*) FROM flyway_schema_history WHERE success"))
          .isEqualTo(2);
      try (Connection c =
              DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
          Statement s = c.createStatement()) {
        s.execute("INSERT INTO accounts (name) VALUES ('alice')");
        s.execute("INSERT INTO transfers (account_id, amount) VALUES (1, 10)");
      }
      lanes.reset(1);
      assertThat(count(lane, "SELECT count(*) FROM transfers")).isZero();
      assertThat(count(lane, "SELECT count(*) FROM accounts")).isZero();
      assertThat(count(lane, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(2);
    }
  }

  @Test
  void aFailingMigrationFailsClearlyAndLeavesNoTemplate() throws Exception {
    try (Lanes lanes = lanes("classpath:lane/flyway-broken")) {
      assertThatThrownBy(lanes::initialise)
          .hasMessageContaining("postgres Flyway migrations [classpath:lane/flyway-broken] failed")
          .hasMessageContaining("V2__broken.sql")
          .hasMessageContaining("nonsense_type");
    }
    ServiceEndpoint e = services.endpoint(Service.POSTGRES);
    try (Connection c =
            DriverManager.getConnection(
                e.jdbcUrl(e.attribute(ServiceEndpoint.DATABASE).orElse("postgres")),
                e.user(),
                e.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'testlanes_tpl_%_building'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void aChangedMigrationGivesAnotherTemplate() {
    ClassLoader loader = FlywayLanesTest.class.getClassLoader();
    String good =
        SchemaScript.hash(
            "postgres", FlywayMigrations.load(List.of("classpath:lane/flyway"), loader).files());
    String broken =
        SchemaScript.hash(
            "postgres",
            FlywayMigrations.load(List.of("classpath:lane/flyway-broken"), loader).files());
    assertThat(good).isNotEqualTo(broken);
  }

  @Test
  void aLocationWithoutMigrationsNamesTheKey() {
    assertThatThrownBy(
            () ->
                FlywayMigrations.load(
                    List.of("classpath:lane/no-such-folder"),
                    FlywayLanesTest.class.getClassLoader()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "Invalid value 'classpath:lane/no-such-folder' for testlanes.postgres.flyway");
  }
}

package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.Lane;
import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Liquibase changelog builds the Postgres template when testlanes.postgres.liquibase is set. */
class LiquibaseLanesTest {
  private static final String CHANGELOG = "classpath:/lane/liquibase/changelog.yaml";
  private static TestServices services;

  @BeforeAll
  static void start() {
    services = TestServices.start(2, Service.POSTGRES);
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  private static Lanes lanes(String changelog) {
    Settings s =
        Settings.load(List.of(ConfigSource.of("test", Map.of(Keys.POSTGRES_LIQUIBASE, changelog))));
    return Lanes.open(s, services.endpoints(), 2, LiquibaseLanesTest.class.getClassLoader());
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
  void theChangelogBuildsTheTemplateAndRunningItAgainOnALaneDoesNothing() throws Exception {
    try (Lanes lanes = lanes(CHANGELOG)) {
      lanes.prepare(1);
      Lane lane = lanes.lane(1);
      assertThat(count(lane, "SELECT count(*) FROM databasechangelog")).isEqualTo(2);
      assertThat(count(lane, "SELECT count(*) FROM currencies")).isEqualTo(2);

      // What the application's own Liquibase does when its context starts on the lane.
      long t0 = System.nanoTime();
      int recorded =
          LiquibaseRunner.update(
              lane.jdbcUrl(),
              lane.jdbcUser(),
              lane.jdbcPassword(),
              LiquibaseChangelog.load(
                  Optional.of(CHANGELOG), LiquibaseLanesTest.class.getClassLoader()),
              LiquibaseLanesTest.class.getClassLoader());
      System.out.printf(
          "liquibase update of a lane cloned from its template: %d ms%n",
          (System.nanoTime() - t0) / 1_000_000);
      assertThat(recorded).isEqualTo(2);
      assertThat(count(lane, "SELECT count(*) FROM currencies")).isEqualTo(2);

      lanes.reset(1);
      assertThat(count(lane, "SELECT count(*) FROM databasechangelog")).isEqualTo(2);
    }
  }

  @Test
  void aChangedIncludedFileGivesAnotherTemplate() {
    ClassLoader loader = LiquibaseLanesTest.class.getClassLoader();
    List<SchemaScript> files = LiquibaseChangelog.load(Optional.of(CHANGELOG), loader).files();
    assertThat(files)
        .extracting(SchemaScript::location)
        .containsExactly("lane/liquibase/changelog.yaml", "lane/liquibase/changes/002-seed.sql");
  }

  @Test
  void aMissingChangelogNamesTheKey() {
    assertThatThrownBy(
            () ->
                LiquibaseChangelog.load(
                    Optional.of("classpath:lane/liquibase/nope.yaml"),
                    LiquibaseLanesTest.class.getClassLoader()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "Invalid value 'classpath:lane/liquibase/nope.yaml' for testlanes.postgres.liquibase");
  }
}

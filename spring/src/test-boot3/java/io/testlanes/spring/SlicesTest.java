package io.testlanes.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.testlanes.Lane;
import io.testlanes.junit.TestLanes;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test slices with @TestLanes run on the lane's database, not an embedded one. */
class SlicesTest {

  @JdbcTest
  @TestLanes
  static class JdbcSliceTestCase {
    @Autowired DataSource dataSource;
    @Autowired JdbcTemplate jdbc;

    @SpringBootConfiguration
    static class Config {}

    @Test
    void runsOnTheLane(Lane lane) throws SQLException {
      try (Connection c = dataSource.getConnection()) {
        assertThat(c.getMetaData().getURL()).startsWith(lane.jdbcUrl());
      }
      jdbc.update("INSERT INTO notes (owner, body) VALUES ('slice', 'x')");
      assertThat(jdbc.queryForObject("SELECT count(*) FROM notes", Integer.class)).isEqualTo(1);
    }
  }

  /** Asks for an embedded database explicitly: the safety net says why and how to fix it. */
  @JdbcTest
  @AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.ANY)
  @TestLanes
  static class EmbeddedDatabaseTestCase {
    @SpringBootConfiguration
    static class Config {}

    @Test
    void wouldRunOnAnEmbeddedDatabase() {}
  }

  @Test
  void aJdbcTestRunsOnTheLane() {
    EngineExecutionResults results = Kit.parallel().run(JdbcSliceTestCase.class);
    assertThat(Kit.failures(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
  }

  @Test
  void replacingTheLanesDatabaseFailsWithTheFix() {
    EngineExecutionResults results = Kit.parallel().run(EmbeddedDatabaseTestCase.class);
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("EmbeddedDatabaseTestCase")
                                && m.contains("not the database of lane_")
                                && m.contains("remove @AutoConfigureTestDatabase")))));
  }
}

package io.testlanes.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import io.testlanes.junit.TestLanes;
import io.testlanes.run.TestRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A project on Postgres alone: its run has Postgres and nothing of Redis or Cassandra. */
@TestLanes
class PostgresOnlyTest {

  @Test
  void storesARowInTheLaneDatabase(DataSource postgres, Lane lane) throws SQLException {
    try (Connection c = postgres.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS note (id int PRIMARY KEY, body text)");
      s.execute("INSERT INTO note (id, body) VALUES (1, 'hello')");
      try (ResultSet r = s.executeQuery("SELECT body, current_database() FROM note WHERE id = 1")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("hello");
        assertThat(r.getString(2)).isEqualTo(lane.database());
      }
    }
  }

  @Test
  void noRedisOrCassandraClientCameWithTestlanesAndOnlyPostgresStarted() {
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> Class.forName("redis.clients.jedis.Jedis"));
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> Class.forName("com.datastax.oss.driver.api.core.CqlSession"));

    TestRun run = TestRun.current().orElseThrow();
    assertThat(run.services()).containsExactly(Service.POSTGRES);
    assertThat(TestRun.status(run.settings(), false))
        .singleElement()
        .satisfies(host -> assertThat(host.services().keySet()).containsExactly("postgres"));
  }
}

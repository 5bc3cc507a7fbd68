package io.testlanes.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import io.testlanes.config.Service;
import io.testlanes.junit.TestLanes;
import io.testlanes.run.TestRun;
import org.junit.jupiter.api.Test;

/** A project on Cassandra alone: its run has Cassandra and nothing of Redis or Postgres. */
@TestLanes
class CassandraOnlyTest {

  @Test
  void storesARowInTheLaneKeyspace(CqlSession cassandra, Lane lane) {
    cassandra.execute("CREATE TABLE IF NOT EXISTS note (id int PRIMARY KEY, body text)");
    cassandra.execute("INSERT INTO note (id, body) VALUES (1, 'hello')");

    assertThat(cassandra.execute("SELECT body FROM note WHERE id = 1").one().getString("body"))
        .isEqualTo("hello");
    assertThat(cassandra.getKeyspace().orElseThrow().asInternal()).isEqualTo(lane.keyspace());
  }

  @Test
  void noRedisOrPostgresClientCameWithTestlanesAndOnlyCassandraStarted() {
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> Class.forName("redis.clients.jedis.Jedis"));
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> Class.forName("redis.clients.jedis.JedisPooled"));
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> Class.forName("org.postgresql.Driver"));

    TestRun run = TestRun.current().orElseThrow();
    assertThat(run.services()).containsExactly(Service.CASSANDRA);
    assertThat(TestRun.status(run.settings(), false))
        .singleElement()
        .satisfies(host -> assertThat(host.services().keySet()).containsExactly("cassandra"));
  }
}

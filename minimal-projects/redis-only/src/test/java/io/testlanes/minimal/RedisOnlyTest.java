package io.testlanes.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import io.testlanes.junit.TestLanes;
import io.testlanes.run.TestRun;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * A project on Redis alone: its run has Redis and nothing of Postgres or Cassandra. Its Jedis 7.4
 * brings slf4j-api 1.7, which wins over testlanes' 2.0 here, as in a user's project.
 */
@TestLanes
class RedisOnlyTest {

  @Test
  void storesAKeyInTheLaneDatabase(JedisPooled redis, Lane lane) {
    redis.set("greeting", "hello");

    assertThat(redis.get("greeting")).isEqualTo("hello");
    assertThat(lane.redisDatabase()).isPositive();
  }

  @Test
  void noPostgresOrCassandraClientCameWithTestlanesAndOnlyRedisStarted() {
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> Class.forName("org.postgresql.Driver"));
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> Class.forName("com.datastax.oss.driver.api.core.CqlSession"));

    TestRun run = TestRun.current().orElseThrow();
    assertThat(run.services()).containsExactly(Service.REDIS);
    assertThat(TestRun.status(run.settings(), false))
        .singleElement()
        .satisfies(host -> assertThat(host.services().keySet()).containsExactly("redis"));
  }
}

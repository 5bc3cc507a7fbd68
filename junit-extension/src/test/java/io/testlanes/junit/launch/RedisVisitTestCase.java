package io.testlanes.junit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.Lane;
import io.testlanes.junit.TestLanes;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The test class every launcher of {@link LaunchersTest} runs: one test on a real Redis. */
@TestLanes
class RedisVisitTestCase {
  @Test
  void countsVisitsInTheLanesRedisDatabase(JedisPooled redis, Lane lane) throws IOException {
    assertThat(redis.incr("visits:home")).isEqualTo(1);
    assertThat(redis.incr("visits:home")).isEqualTo(2);
    Launch.Marker.write(redis, lane, getClass());
  }
}

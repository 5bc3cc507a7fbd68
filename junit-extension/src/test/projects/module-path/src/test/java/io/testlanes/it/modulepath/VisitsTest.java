package io.testlanes.it.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.testlanes.Lane;
import io.testlanes.junit.TestLanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class VisitsTest {
  @Test
  void countsVisitsInTheLanesRedisDatabase(JedisPooled redis, Lane lane) throws Exception {
    Visits visits = new Visits(redis);
    assertEquals(1, visits.visit("home"));
    assertEquals(2, visits.visit("home"));

    // Where it ran, for SurefireLaunchIT: the Redis server's pid, the lane's database, the module.
    Matcher pid = Pattern.compile("process_id:(\\d+)").matcher(redis.info("server"));
    assertTrue(pid.find());
    Module module = getClass().getModule();
    Files.writeString(
        Path.of(System.getProperty("launch.marker")),
        "redis pid " + pid.group(1) + " db " + lane.redisDatabase() + " module "
            + (module.isNamed() ? module.getName() : "unnamed") + "\n");
  }
}

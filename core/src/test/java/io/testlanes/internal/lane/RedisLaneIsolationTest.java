package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisLaneIsolationTest extends LaneIsolationContract {
  private final Map<Integer, RedisClient> clients = new ConcurrentHashMap<>();

  @Override
  Service service() {
    return Service.REDIS;
  }

  @Override
  StoreIsolation newIsolation(ServiceEndpoint endpoint) {
    return new RedisIsolation(endpoint, LANES);
  }

  private RedisClient client(int lane) {
    return clients.computeIfAbsent(
        lane,
        k -> {
          LaneImpl facts = new LaneImpl(k, Map.of(Service.REDIS, services.endpoint(Service.REDIS)));
          assertThat(facts.redisDatabase()).isEqualTo(k);
          return RedisClient.create(URI.create(facts.redisUri()));
        });
  }

  @Override
  void write(int lane, int rows, String value) {
    RedisClient j = client(lane);
    for (int i = 1; i <= rows; i++) {
      j.set("item:" + i, value);
    }
  }

  @Override
  List<String> read(int lane) {
    RedisClient j = client(lane);
    List<String> out = new ArrayList<>();
    for (String key : j.keys("item:*")) {
      out.add(j.get(key));
    }
    return out;
  }

  @Override
  void createOwnTableAndWrite(int lane) {
    client(lane).rpush("scratch:list", "a", "b");
  }

  @Override
  long countOwnTable(int lane) {
    return client(lane).llen("scratch:list");
  }

  @Override
  void closeClients() {
    clients.values().forEach(RedisClient::close);
    clients.clear();
  }

  @Test
  void tooFewDatabasesForTheRunsLanesIsAClearError() {
    ServiceEndpoint redis = services.endpoint(Service.REDIS);
    int databases = ((RedisIsolation) isolation).databases();
    assertThat(databases).isGreaterThan(LANES);
    try (RedisIsolation tooMany = new RedisIsolation(redis, databases + 4)) {
      assertThatThrownBy(tooMany::initialise)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has " + databases + " databases (0.." + (databases - 1) + ")")
          .hasMessageContaining("at least " + (databases + 5) + " databases")
          .hasMessageContaining("raise 'databases' to " + (databases + 5))
          .hasMessageContaining("--databases " + (databases + 5))
          .hasMessageContaining(
              "or run fewer lanes (testlanes.workers times the JVMs of the run at most "
                  + (databases - 1)
                  + ")");
      assertThatThrownBy(() -> tooMany.prepare(databases))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has " + databases + " databases");
    }
  }

  @Test
  void redisLanesTakeNoScripts() {
    assertThatThrownBy(() -> isolation.apply(1, new SchemaScript("redis/data.txt", "SET a b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "redis lanes take no scripts (got redis/data.txt): a reset leaves the lane's database"
                + " empty. Fix: write the keys a test needs in the test's own setup.");
  }
}

package io.testlanes.run;

import io.testlanes.Lane;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.JedisPooled;

/** {@code JedisPooled} clients on lane databases, one per lane, closed with the execution. */
final class RedisClients implements AutoCloseable {
  private final Map<String, JedisPooled> byLane = new ConcurrentHashMap<>();

  JedisPooled pooled(Lane lane) {
    return byLane.computeIfAbsent(lane.redisUri(), uri -> new JedisPooled(URI.create(uri)));
  }

  @Override
  public void close() throws Exception {
    List<JedisPooled> all = new ArrayList<>(byLane.values());
    byLane.clear();
    Closing.closeAll(all);
  }
}

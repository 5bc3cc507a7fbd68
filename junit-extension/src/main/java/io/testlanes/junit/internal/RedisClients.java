package io.testlanes.junit.internal;

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
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (JedisPooled j : byLane.values()) {
      try {
        j.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    byLane.clear();
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}

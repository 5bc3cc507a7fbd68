package io.testlanes.it.modulepath;

import redis.clients.jedis.UnifiedJedis;

/** Counts visits per page in Redis. */
public final class Visits {
  private final UnifiedJedis redis;

  public Visits(UnifiedJedis redis) {
    this.redis = redis;
  }

  public long visit(String page) {
    return redis.incr("visits:" + page);
  }
}

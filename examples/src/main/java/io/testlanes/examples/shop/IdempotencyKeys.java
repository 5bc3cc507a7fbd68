package io.testlanes.examples.shop;

import java.time.Duration;
import java.util.OptionalLong;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Makes a retried request (a double click, a client retry) do its work once: {@code idem:<key>} is
 * claimed with SET NX while the work runs, then holds its result (an order id).
 */
final class IdempotencyKeys {
  private static final String PENDING = "pending";

  private final UnifiedJedis redis;
  private final long ttlSeconds;

  IdempotencyKeys(UnifiedJedis redis, Duration ttl) {
    this.redis = redis;
    this.ttlSeconds = ttl.toSeconds();
  }

  static String key(String key) {
    return "idem:" + key;
  }

  /**
   * Claims a key. Returns empty if it is ours now; the order id if the work was done before; throws
   * if the work is running elsewhere.
   */
  OptionalLong claim(String key) {
    if ("OK".equals(redis.set(key(key), PENDING, SetParams.setParams().nx().ex(ttlSeconds)))) {
      return OptionalLong.empty();
    }
    String v = redis.get(key(key));
    if (v == null) {
      return claim(key); // expired in between
    }
    if (v.equals(PENDING)) {
      throw new CheckoutInProgressException(key);
    }
    return OptionalLong.of(Long.parseLong(v));
  }

  /** Records the result of a claimed key. */
  void complete(String key, long orderId) {
    redis.set(key(key), Long.toString(orderId), SetParams.setParams().keepTtl());
  }

  /** Gives a claimed key up, so that the request can be tried again. */
  void release(String key) {
    redis.del(key(key));
  }
}

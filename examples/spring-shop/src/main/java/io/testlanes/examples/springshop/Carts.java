package io.testlanes.examples.springshop;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/** Shopping carts in Redis: a hash per customer, sku → quantity, expiring after a day idle. */
@Service
public class Carts {
  private final StringRedisTemplate redis;

  public Carts(StringRedisTemplate redis) {
    this.redis = redis;
  }

  private static String key(String customer) {
    return "cart:" + customer;
  }

  public void add(String customer, String sku, int quantity) {
    redis.opsForHash().increment(key(customer), sku, quantity);
    redis.expire(key(customer), Duration.ofDays(1));
  }

  public Map<String, Integer> contents(String customer) {
    Map<String, Integer> out = new TreeMap<>();
    redis
        .opsForHash()
        .entries(key(customer))
        .forEach((k, v) -> out.put(k.toString(), Integer.parseInt(v.toString())));
    return out;
  }

  public void clear(String customer) {
    redis.delete(key(customer));
  }

  /** How many carts are open. */
  public long openCarts() {
    return redis.keys("cart:*").size();
  }

  /** Counts a page view of a product. */
  public long viewed(String sku) {
    Long n = redis.opsForValue().increment("views:" + sku);
    return n == null ? 0 : n;
  }
}

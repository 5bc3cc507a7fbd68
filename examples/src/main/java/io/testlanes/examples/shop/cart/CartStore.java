package io.testlanes.examples.shop.cart;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.UnifiedJedis;

/**
 * Shopping carts: one Redis hash per customer, {@code cart:<customerId>}, SKU to quantity. A cart
 * expires when it was not touched for the configured time; every change renews it.
 */
public final class CartStore {
  private final UnifiedJedis redis;
  private final long ttlSeconds;

  public CartStore(UnifiedJedis redis, Duration ttl) {
    if (ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("a cart lives >= 1 s, got " + ttl);
    }
    this.redis = redis;
    this.ttlSeconds = ttl.toSeconds();
  }

  /** The Redis key of a customer's cart. */
  public static String key(long customerId) {
    return "cart:" + customerId;
  }

  /** Adds units of a SKU; returns how many of it the cart holds now. */
  public int add(long customerId, String sku, int quantity) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("add > 0 units, got " + quantity + " of " + sku);
    }
    String key = key(customerId);
    long now;
    try (AbstractTransaction tx = redis.multi()) {
      tx.hincrBy(key, sku, quantity);
      tx.expire(key, ttlSeconds);
      now = (Long) tx.exec().get(0);
    }
    return Math.toIntExact(now);
  }

  /** Sets the quantity of a SKU; 0 removes it. */
  public void setQuantity(long customerId, String sku, int quantity) {
    if (quantity < 0) {
      throw new IllegalArgumentException("a quantity is >= 0, got " + quantity + " of " + sku);
    }
    if (quantity == 0) {
      remove(customerId, sku);
      return;
    }
    String key = key(customerId);
    try (AbstractTransaction tx = redis.multi()) {
      tx.hset(key, sku, Integer.toString(quantity));
      tx.expire(key, ttlSeconds);
      tx.exec();
    }
  }

  /** Removes a SKU; returns whether the cart held it. */
  public boolean remove(long customerId, String sku) {
    return redis.hdel(key(customerId), sku) == 1;
  }

  /** The cart's lines, SKU to quantity, by SKU. Empty if there is no cart. */
  public Map<String, Integer> items(long customerId) {
    Map<String, Integer> items = new TreeMap<>();
    redis.hgetAll(key(customerId)).forEach((sku, qty) -> items.put(sku, Integer.parseInt(qty)));
    return items;
  }

  /** Units in the cart over all SKUs. */
  public int totalQuantity(long customerId) {
    return items(customerId).values().stream().mapToInt(Integer::intValue).sum();
  }

  /** How many different SKUs the cart holds. */
  public long lineCount(long customerId) {
    return redis.hlen(key(customerId));
  }

  /** Seconds until the cart expires; -2 if there is no cart. */
  public long secondsToLive(long customerId) {
    return redis.ttl(key(customerId));
  }

  /** Empties the cart; returns whether there was one. */
  public boolean clear(long customerId) {
    return redis.del(key(customerId)) == 1;
  }
}

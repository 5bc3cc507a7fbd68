package io.testlanes.examples.shop.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sessions in Redis: a hash {@code session:<token>} with the customer and the creation time, which
 * expires after the idle time unless touched, and a set {@code sessions:<customerId>} of the
 * customer's tokens, for "sign out everywhere".
 */
public final class SessionStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UnifiedJedis redis;
  private final long idleSeconds;
  private final Clock clock;
  private final Supplier<String> tokens;

  /** Sessions with random 128-bit tokens. */
  public SessionStore(UnifiedJedis redis, Duration idleTimeout, Clock clock) {
    this(redis, idleTimeout, clock, SessionStore::randomToken);
  }

  /** Sessions with tokens from {@code tokens} (e.g. to give tests readable ones). */
  public SessionStore(
      UnifiedJedis redis, Duration idleTimeout, Clock clock, Supplier<String> tokens) {
    if (idleTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("a session lives >= 1 s, got " + idleTimeout);
    }
    this.redis = redis;
    this.idleSeconds = idleTimeout.toSeconds();
    this.clock = clock;
    this.tokens = tokens;
  }

  static String key(String token) {
    return "session:" + token;
  }

  static String indexKey(long customerId) {
    return "sessions:" + customerId;
  }

  /** Opens a session for a customer. */
  public Session open(long customerId) {
    String token = tokens.get();
    Instant now = clock.instant();
    try (AbstractTransaction tx = redis.multi()) {
      tx.hset(
          key(token),
          Map.of("customer_id", Long.toString(customerId), "created_at", now.toString()));
      tx.expire(key(token), idleSeconds);
      tx.sadd(indexKey(customerId), token);
      tx.expire(indexKey(customerId), idleSeconds);
      tx.exec();
    }
    return new Session(token, customerId, now);
  }

  /** The session of a token, if it has not expired. */
  public Optional<Session> find(String token) {
    Map<String, String> h = redis.hgetAll(key(token));
    String customer = h.get("customer_id");
    String created = h.get("created_at");
    if (customer == null || created == null) {
      return Optional.empty();
    }
    return Optional.of(new Session(token, Long.parseLong(customer), Instant.parse(created)));
  }

  /** Renews a session's idle time; false if it has expired already. */
  public boolean touch(String token) {
    Optional<Session> s = find(token);
    if (s.isEmpty()) {
      return false;
    }
    redis.expire(key(token), idleSeconds);
    redis.expire(indexKey(s.get().customerId()), idleSeconds);
    return true;
  }

  /** Signs out one session; false if there was none. */
  public boolean close(String token) {
    Optional<Session> s = find(token);
    if (s.isEmpty()) {
      return false;
    }
    redis.srem(indexKey(s.get().customerId()), token);
    return redis.del(key(token)) == 1;
  }

  /** Signs a customer out everywhere; returns how many sessions were open. */
  public int closeAll(long customerId) {
    Set<String> open = activeTokens(customerId);
    for (String token : open) {
      redis.del(key(token));
    }
    redis.del(indexKey(customerId));
    return open.size();
  }

  /** Tokens of the customer's sessions that have not expired; forgets expired ones. */
  public Set<String> activeTokens(long customerId) {
    Set<String> active = new TreeSet<>();
    for (String token : redis.smembers(indexKey(customerId))) {
      if (redis.exists(key(token))) {
        active.add(token);
      } else {
        redis.srem(indexKey(customerId), token);
      }
    }
    return active;
  }

  private static String randomToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

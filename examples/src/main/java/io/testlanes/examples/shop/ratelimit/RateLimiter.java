package io.testlanes.examples.shop.ratelimit;

import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * A fixed-window limit of {@code limit} attempts per {@code window} and subject: one counter per
 * window, {@code rate:<action>:<subject>:<window number>}, incremented with INCR and given a TTL of
 * one window when it is created.
 */
public final class RateLimiter {
  private final UnifiedJedis redis;
  private final String action;
  private final int limit;
  private final long windowMillis;
  private final Clock clock;

  public RateLimiter(UnifiedJedis redis, String action, int limit, Duration window, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("a limit is >= 1, got " + limit);
    }
    if (window.toSeconds() < 1) {
      throw new IllegalArgumentException("a window is >= 1 s, got " + window);
    }
    this.redis = redis;
    this.action = action;
    this.limit = limit;
    this.windowMillis = window.toMillis();
    this.clock = clock;
  }

  /** Counts an attempt and says whether it is allowed. */
  public Decision tryAcquire(String subject) {
    long now = clock.millis();
    long window = now / windowMillis;
    String key = key(subject, window);
    long count = redis.incr(key);
    if (count == 1) {
      redis.pexpire(key, windowMillis);
    }
    Duration retryAfter = Duration.ofMillis((window + 1) * windowMillis - now);
    return new Decision(count <= limit, Math.max(0, limit - count), retryAfter);
  }

  /** Counts an attempt; throws if it is over the limit. */
  public void acquire(String subject) {
    Decision d = tryAcquire(subject);
    if (!d.allowed()) {
      throw new RateLimitedException(action, subject, d.retryAfter());
    }
  }

  /** Forgets the attempts of the current window (after a successful sign-in, say). */
  public void reset(String subject) {
    redis.del(key(subject, clock.millis() / windowMillis));
  }

  /** Attempts counted in the current window. */
  public long attempts(String subject) {
    String v = redis.get(key(subject, clock.millis() / windowMillis));
    return v == null ? 0 : Long.parseLong(v);
  }

  private String key(String subject, long window) {
    return "rate:" + action + ":" + subject + ":" + window;
  }
}

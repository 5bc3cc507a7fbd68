package io.testlanes.examples.shop.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.support.MutableClock;
import io.testlanes.junit.TestLanes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class RateLimiterTest {
  /** 10:00:00 UTC: the start of a one-minute window (window number 29,893,800). */
  static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

  JedisPooled redis;
  MutableClock clock;
  RateLimiter limiter;

  @BeforeEach
  void setUp(JedisPooled redis) {
    this.redis = redis;
    this.clock = new MutableClock(START);
    this.limiter = new RateLimiter(redis, "search", 3, Duration.ofMinutes(1), clock);
  }

  @Test
  void allowsUpToTheLimit() {
    assertThat(limiter.tryAcquire("alice").remaining()).isEqualTo(2);
    assertThat(limiter.tryAcquire("alice").remaining()).isEqualTo(1);
    assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
    assertThat(limiter.tryAcquire("alice").allowed()).isFalse();
  }

  @Test
  void aBlockedCallerIsToldWhenToComeBack() {
    clock.advance(Duration.ofSeconds(45));
    for (int i = 0; i < 3; i++) {
      limiter.acquire("alice");
    }

    assertThatThrownBy(() -> limiter.acquire("alice"))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(15)));
  }

  @Test
  void subjectsAreCountedSeparately() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("alice");
    }

    assertThat(limiter.tryAcquire("bob").allowed()).isTrue();
    assertThat(limiter.attempts("alice")).isEqualTo(3);
    assertThat(limiter.attempts("bob")).isEqualTo(1);
  }

  @Test
  void theNextWindowStartsAfresh() {
    for (int i = 0; i < 4; i++) {
      limiter.tryAcquire("alice");
    }
    clock.advance(Duration.ofMinutes(1));

    assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
    assertThat(redis.keys("rate:search:alice:*")).hasSize(2);
  }

  @Test
  void theCounterIsAKeyThatExpiresWithItsWindow() {
    limiter.tryAcquire("alice");

    String key = "rate:search:alice:" + START.toEpochMilli() / 60_000;
    assertThat(redis.get(key)).isEqualTo("1");
    assertThat(redis.pttl(key)).isBetween(55_000L, 60_000L);
    assertThat(redis.dbSize()).isEqualTo(1);
  }

  @Test
  void resetForgetsTheAttempts() {
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire("alice");
    }

    limiter.reset("alice");

    assertThat(limiter.attempts("alice")).isZero();
    assertThat(limiter.tryAcquire("alice").allowed()).isTrue();
  }
}

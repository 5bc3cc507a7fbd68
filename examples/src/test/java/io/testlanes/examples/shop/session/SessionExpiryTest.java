package io.testlanes.examples.shop.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Idle sessions end. A slow class: it waits for Redis to expire them. */
@TestLanes
class SessionExpiryTest {
  JedisPooled redis;
  SessionStore sessions;

  @BeforeEach
  void setUp(JedisPooled redis) {
    this.redis = redis;
    this.sessions = new SessionStore(redis, Duration.ofSeconds(1), Clock.systemUTC(), () -> "idle");
  }

  @Test
  void anIdleSessionEnds() throws InterruptedException {
    sessions.open(5);

    Thread.sleep(2100);

    assertThat(sessions.find("idle")).isEmpty();
    assertThat(sessions.activeTokens(5)).isEmpty();
  }

  @Test
  void expiredTokensDropOutOfTheIndex() throws InterruptedException {
    SessionStore longLived =
        new SessionStore(redis, Duration.ofMinutes(30), Clock.systemUTC(), () -> "kept");
    sessions.open(5);
    longLived.open(5);

    Thread.sleep(2100);

    assertThat(longLived.activeTokens(5)).containsExactly("kept");
    assertThat(redis.smembers("sessions:5")).containsExactly("kept");
  }

  @Test
  void touchingRenewsASession() throws InterruptedException {
    SessionStore tenSeconds =
        new SessionStore(redis, Duration.ofSeconds(10), Clock.systemUTC(), () -> "busy");
    tenSeconds.open(5);
    Thread.sleep(1500);
    long before = redis.pttl("session:busy");

    assertThat(tenSeconds.touch("busy")).isTrue();

    assertThat(before).isLessThanOrEqualTo(8500);
    assertThat(redis.pttl("session:busy")).isGreaterThan(before);
  }
}

package io.testlanes.examples.shop.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class SessionStoreTest {
  JedisPooled redis;
  SessionStore sessions;

  @BeforeEach
  void setUp(JedisPooled redis) {
    this.redis = redis;
    AtomicInteger n = new AtomicInteger();
    this.sessions =
        new SessionStore(
            redis, Duration.ofMinutes(30), Clock.systemUTC(), () -> "tok-" + n.incrementAndGet());
  }

  @Test
  void anOpenedSessionCanBeFound() {
    Session s = sessions.open(42);

    assertThat(s.token()).isEqualTo("tok-1");
    assertThat(sessions.find("tok-1")).get().extracting(Session::customerId).isEqualTo(42L);
  }

  @Test
  void aSessionIsAHashWithAnIndex() {
    sessions.open(42);

    assertThat(redis.hget("session:tok-1", "customer_id")).isEqualTo("42");
    assertThat(redis.smembers("sessions:42")).containsExactly("tok-1");
    assertThat(redis.dbSize()).isEqualTo(2);
  }

  @Test
  void aCustomerCanHaveSeveralSessions() {
    sessions.open(42);
    sessions.open(42);
    sessions.open(7);

    assertThat(sessions.activeTokens(42)).containsExactly("tok-1", "tok-2");
    assertThat(sessions.activeTokens(7)).containsExactly("tok-3");
  }

  @Test
  void closingASessionForgetsIt() {
    sessions.open(42);
    sessions.open(42);

    assertThat(sessions.close("tok-1")).isTrue();

    assertThat(sessions.find("tok-1")).isEmpty();
    assertThat(sessions.activeTokens(42)).containsExactly("tok-2");
    assertThat(sessions.close("tok-1")).isFalse();
  }

  @Test
  void signingOutEverywhereClosesEverySession() {
    sessions.open(42);
    sessions.open(42);
    sessions.open(42);
    sessions.open(7);

    assertThat(sessions.closeAll(42)).isEqualTo(3);

    assertThat(redis.keys("session:*")).containsExactly("session:tok-4");
    assertThat(redis.exists("sessions:42")).isFalse();
  }

  @Test
  void unknownTokensFindNothing() {
    assertThat(sessions.find("tok-99")).isEmpty();
    assertThat(sessions.touch("tok-99")).isFalse();
  }

  @Test
  void sessionsAndTheirIndexExpireAfterTheIdleTime() {
    sessions.open(42);

    assertThat(redis.ttl("session:tok-1")).isBetween(1790L, 1800L);
    assertThat(redis.ttl("sessions:42")).isBetween(1790L, 1800L);
  }
}

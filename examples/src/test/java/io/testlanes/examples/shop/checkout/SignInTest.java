package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.ratelimit.RateLimitedException;
import io.testlanes.examples.shop.session.Session;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class SignInTest {
  JedisPooled redis;
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.redis = redis;
    shop = new Shop(db, cassandra, redis, Payments.approving(), Clock.systemUTC());
    shop.register("alice@example.com", "Alice");
  }

  @Test
  void aKnownCustomerGetsASession() {
    Session s = shop.signIn("alice@example.com").orElseThrow();

    assertThat(s.customerId()).isEqualTo(1);
    assertThat(shop.sessions().activeTokens(1)).containsExactly(s.token());
  }

  @Test
  void anUnknownAddressGetsNothing() {
    assertThat(shop.signIn("mallory@example.com")).isEmpty();
    assertThat(redis.keys("session:*")).isEmpty();
  }

  @Test
  void guessingAddressesIsLimited() {
    for (int i = 0; i < Shop.SIGN_INS_PER_QUARTER_HOUR; i++) {
      shop.signIn("mallory@example.com");
    }

    assertThatThrownBy(() -> shop.signIn("mallory@example.com"))
        .isInstanceOf(RateLimitedException.class);
    assertThat(shop.signIn("alice@example.com")).isPresent();
  }

  @Test
  void aSuccessfulSignInResetsTheCount() {
    for (int i = 0; i < Shop.SIGN_INS_PER_QUARTER_HOUR - 1; i++) {
      shop.signIn("alice@example.com");
    }

    assertThat(redis.keys("rate:sign-in:*")).isEmpty();
    assertThat(shop.sessions().activeTokens(1)).hasSize(4);
  }

  @Test
  void signInShowsInTheFeed() {
    shop.signIn("alice@example.com");

    assertThat(shop.activity().count(1)).isEqualTo(2);
  }
}

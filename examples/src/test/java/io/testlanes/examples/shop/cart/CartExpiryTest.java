package io.testlanes.examples.shop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.junit.TestLanes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Carts expire; a slow class, since it waits for Redis to expire them. */
@TestLanes
class CartExpiryTest {

  @Test
  void aCartHasAWeekToLive(JedisPooled redis) {
    CartStore carts = new CartStore(redis, Duration.ofDays(7));

    carts.add(1, "MUG-01", 1);

    assertThat(carts.secondsToLive(1))
        .isBetween(Duration.ofDays(7).toSeconds() - 5, Duration.ofDays(7).toSeconds());
  }

  @Test
  void aMissingCartHasNoTimeToLive(JedisPooled redis) {
    assertThat(new CartStore(redis, Duration.ofDays(7)).secondsToLive(1)).isEqualTo(-2);
  }

  @Test
  void anAbandonedCartExpires(JedisPooled redis) throws InterruptedException {
    CartStore carts = new CartStore(redis, Duration.ofSeconds(1));
    carts.add(1, "MUG-01", 1);

    Thread.sleep(2100);

    assertThat(carts.items(1)).isEmpty();
    assertThat(redis.dbSize()).isZero();
  }

  @Test
  void everyChangeRenewsTheCart(JedisPooled redis) throws InterruptedException {
    CartStore carts = new CartStore(redis, Duration.ofSeconds(10));
    carts.add(1, "MUG-01", 1);
    Thread.sleep(1500);
    long before = redis.pttl("cart:1");

    carts.add(1, "CAP-01", 1);

    assertThat(before).isLessThanOrEqualTo(8500);
    assertThat(redis.pttl("cart:1")).isGreaterThan(before);
    assertThat(carts.items(1)).containsOnlyKeys("MUG-01", "CAP-01");
  }
}

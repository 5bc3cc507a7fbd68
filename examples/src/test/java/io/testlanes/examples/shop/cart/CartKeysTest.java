package io.testlanes.examples.shop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.junit.TestLanes;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** What the carts look like in Redis: one key per customer, nothing else. */
@TestLanes
class CartKeysTest {
  JedisPooled redis;
  CartStore carts;

  @BeforeEach
  void setUp(JedisPooled redis) {
    this.redis = redis;
    this.carts = new CartStore(redis, Duration.ofDays(7));
  }

  @Test
  void eachCustomerHasOneKey() {
    carts.add(1, "MUG-01", 1);
    carts.add(1, "TEE-M", 2);
    carts.add(2, "MUG-01", 1);

    assertThat(redis.keys("cart:*")).containsExactlyInAnyOrder("cart:1", "cart:2");
    assertThat(redis.dbSize()).isEqualTo(2);
  }

  @Test
  void cartsOfDifferentCustomersAreSeparate() {
    carts.add(1, "MUG-01", 1);
    carts.add(2, "CAP-01", 4);

    assertThat(carts.items(1)).containsOnlyKeys("MUG-01");
    assertThat(carts.items(2)).containsOnlyKeys("CAP-01");
  }

  @Test
  void aCartIsAHash() {
    carts.add(42, "MUG-01", 1);

    assertThat(redis.type("cart:42")).isEqualTo("hash");
    assertThat(redis.hlen("cart:42")).isEqualTo(1);
  }

  @Test
  void emptyingAllCartsLeavesNoKeys() {
    for (long customer = 1; customer <= 5; customer++) {
      carts.add(customer, "POSTER-A2", (int) customer);
    }
    assertThat(redis.dbSize()).isEqualTo(5);

    for (long customer = 1; customer <= 5; customer++) {
      carts.clear(customer);
    }

    assertThat(redis.dbSize()).isZero();
  }
}

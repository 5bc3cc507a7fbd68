package io.testlanes.examples.shop.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.testlanes.junit.TestLanes;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class CartTest {
  static final long ALICE = 1;

  JedisPooled redis;
  CartStore carts;

  @BeforeEach
  void setUp(JedisPooled redis) {
    this.redis = redis;
    this.carts = new CartStore(redis, Duration.ofDays(7));
  }

  @Test
  void addingPutsTheSkuInTheCart() {
    assertThat(carts.add(ALICE, "MUG-01", 2)).isEqualTo(2);

    assertThat(carts.items(ALICE)).containsExactly(entry("MUG-01", 2));
    assertThat(redis.hgetAll("cart:1")).containsExactly(entry("MUG-01", "2"));
  }

  @Test
  void addingTheSameSkuAgainAddsUp() {
    carts.add(ALICE, "MUG-01", 2);
    assertThat(carts.add(ALICE, "MUG-01", 3)).isEqualTo(5);

    assertThat(carts.totalQuantity(ALICE)).isEqualTo(5);
  }

  @Test
  void itemsComeSortedBySku() {
    carts.add(ALICE, "TEE-M", 1);
    carts.add(ALICE, "CAP-01", 1);
    carts.add(ALICE, "MUG-01", 1);

    assertThat(carts.items(ALICE)).containsKeys("CAP-01", "MUG-01", "TEE-M");
    assertThat(carts.items(ALICE).keySet()).containsExactly("CAP-01", "MUG-01", "TEE-M");
    assertThat(carts.lineCount(ALICE)).isEqualTo(3);
  }

  @Test
  void settingAQuantityReplacesIt() {
    carts.add(ALICE, "MUG-01", 5);
    carts.setQuantity(ALICE, "MUG-01", 1);

    assertThat(carts.items(ALICE)).containsExactly(entry("MUG-01", 1));
  }

  @Test
  void settingAQuantityOfZeroRemovesTheSku() {
    carts.add(ALICE, "MUG-01", 5);
    carts.add(ALICE, "CAP-01", 1);

    carts.setQuantity(ALICE, "MUG-01", 0);

    assertThat(carts.items(ALICE)).containsExactly(entry("CAP-01", 1));
  }

  @Test
  void removingAnAbsentSkuSaysSo() {
    carts.add(ALICE, "MUG-01", 1);

    assertThat(carts.remove(ALICE, "TEE-M")).isFalse();
    assertThat(carts.remove(ALICE, "MUG-01")).isTrue();
    assertThat(carts.items(ALICE)).isEmpty();
  }

  @Test
  void clearingDeletesTheCart() {
    carts.add(ALICE, "MUG-01", 1);

    assertThat(carts.clear(ALICE)).isTrue();
    assertThat(redis.exists("cart:1")).isFalse();
    assertThat(carts.clear(ALICE)).isFalse();
  }

  @Test
  void quantitiesMustBePositive() {
    assertThatThrownBy(() -> carts.add(ALICE, "MUG-01", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> carts.setQuantity(ALICE, "MUG-01", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(redis.dbSize()).isZero();
  }
}

package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.catalog.UnknownProductException;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.timeline.Activity;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class AddToCartTest {
  JedisPooled redis;
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.redis = redis;
    shop = new Shop(db, cassandra, redis, Payments.approving(), Clock.systemUTC());
    Catalog.stock(shop.catalog());
    shop.register("alice@example.com", "Alice");
  }

  @Test
  void addingAProductFillsTheCart() {
    assertThat(shop.addToCart(1, Catalog.MUG, 1)).isEqualTo(1);
    assertThat(shop.addToCart(1, Catalog.MUG, 2)).isEqualTo(3);

    assertThat(redis.hget("cart:1", Catalog.MUG)).isEqualTo("3");
  }

  @Test
  void unknownProductsCannotBeAdded() {
    assertThatThrownBy(() -> shop.addToCart(1, "GHOST-1", 1))
        .isInstanceOf(UnknownProductException.class);
    assertThat(redis.dbSize()).isZero();
  }

  @Test
  void withdrawnProductsCannotBeAdded() {
    shop.catalog().withdraw(Catalog.CAP);

    assertThatThrownBy(() -> shop.addToCart(1, Catalog.CAP, 1))
        .isInstanceOf(UnknownProductException.class);
    assertThat(shop.carts().items(1)).isEmpty();
  }

  @Test
  void eachAdditionIsInTheFeed() {
    shop.addToCart(1, Catalog.MUG, 1);
    shop.addToCart(1, Catalog.TEE, 2);

    assertThat(shop.activity().recent(1, 10))
        .extracting(Activity::kind, Activity::reference)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CART_ADD", "TEE-M x2"),
            org.assertj.core.groups.Tuple.tuple("CART_ADD", "MUG-01 x1"),
            org.assertj.core.groups.Tuple.tuple("REGISTERED", "alice@example.com"));
  }

  @Test
  void theCartMayHoldMoreThanIsInStock() {
    // stock is checked at checkout, not when browsing
    assertThat(shop.addToCart(1, Catalog.CAP, 10)).isEqualTo(10);
  }
}

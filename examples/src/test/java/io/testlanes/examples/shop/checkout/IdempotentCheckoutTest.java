package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.CheckoutInProgressException;
import io.testlanes.examples.shop.Receipt;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** A double click on "Pay" orders once. */
@TestLanes
class IdempotentCheckoutTest {
  DataSource db;
  JedisPooled redis;
  Payments payments = Payments.approving();
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.db = db;
    this.redis = redis;
    shop = new Shop(db, cassandra, redis, payments, Clock.systemUTC());
    Catalog.stock(shop.catalog());
    shop.register("alice@example.com", "Alice");
    shop.addToCart(1, Catalog.MUG, 1);
  }

  @Test
  void theSameKeyTwiceOrdersOnce() {
    Receipt first = shop.checkout(1, "click-1", null);
    Receipt second = shop.checkout(1, "click-1", null);

    assertThat(second.orderId()).isEqualTo(first.orderId()).isEqualTo(1);
    assertThat(Sql.count(db, "orders")).isEqualTo(1);
    assertThat(payments.charges()).hasSize(1);
  }

  @Test
  void theKeyRemembersTheOrder() {
    shop.checkout(1, "click-1", null);

    assertThat(redis.get("idem:click-1")).isEqualTo("1");
    assertThat(redis.ttl("idem:click-1")).isPositive();
  }

  @Test
  void aCheckoutInProgressRefusesTheSecondClick() {
    redis.set("idem:click-1", "pending");

    assertThatThrownBy(() -> shop.checkout(1, "click-1", null))
        .isInstanceOf(CheckoutInProgressException.class);
    assertThat(Sql.count(db, "orders")).isZero();
  }

  @Test
  void aNewKeyIsANewOrder() {
    shop.checkout(1, "click-1", null);
    shop.addToCart(1, Catalog.MUG, 1);

    assertThat(shop.checkout(1, "click-2", null).orderId()).isEqualTo(2);
    assertThat(redis.keys("idem:*")).containsExactlyInAnyOrder("idem:click-1", "idem:click-2");
  }
}

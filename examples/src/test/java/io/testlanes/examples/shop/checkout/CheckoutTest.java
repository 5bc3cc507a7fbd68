package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Receipt;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.order.OrderStatus;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.examples.shop.timeline.CustomerStats;
import io.testlanes.examples.shop.timeline.EventType;
import io.testlanes.examples.shop.timeline.OrderEvent;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class CheckoutTest {
  DataSource db;
  JedisPooled redis;
  Payments payments = Payments.approving();
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.db = db;
    this.redis = redis;
    this.shop = new Shop(db, cassandra, redis, payments, Clock.systemUTC());
    Catalog.stock(shop.catalog());
    shop.register("alice@example.com", "Alice");
    shop.addToCart(1, Catalog.MUG, 2);
    shop.addToCart(1, Catalog.TEE, 1);
  }

  @Test
  void checkoutCreatesOrderOne() {
    Receipt receipt = shop.checkout(1, "alice-1", null);

    assertThat(receipt.orderId()).isEqualTo(1);
    assertThat(receipt.status()).isEqualTo(OrderStatus.PAID);
    assertThat(receipt.totalCents()).isEqualTo(4900);
    assertThat(Sql.count(db, "orders")).isEqualTo(1);
  }

  @Test
  void checkoutTakesTheStock() {
    shop.checkout(1, "alice-1", null);

    assertThat(shop.catalog().stockOf(Catalog.MUG)).isEqualTo(8);
    assertThat(shop.catalog().stockOf(Catalog.TEE)).isEqualTo(4);
  }

  @Test
  void checkoutEmptiesTheCart() {
    shop.checkout(1, "alice-1", null);

    assertThat(shop.carts().items(1)).isEmpty();
    assertThat(redis.exists("cart:1")).isFalse();
  }

  @Test
  void theTimelineHasExactlyThreeEvents() {
    shop.checkout(1, "alice-1", null);

    assertThat(shop.history(1))
        .extracting(OrderEvent::type)
        .containsExactly(EventType.PLACED, EventType.PAYMENT_REQUESTED, EventType.PAID);
  }

  @Test
  void thePaymentReferenceIsOnTheTimeline() {
    shop.checkout(1, "alice-1", null);

    assertThat(shop.timeline().last(1)).get().extracting(OrderEvent::detail).isEqualTo("pay-1");
    assertThat(payments.charges()).containsExactly(new Payments.Charge(1, 1, 4900));
  }

  @Test
  void theCustomersTotalsCountTheOrder() {
    shop.checkout(1, "alice-1", null);

    assertThat(shop.activity().stats(1)).isEqualTo(new CustomerStats(1, 3, 4900, 0));
    assertThat(shop.activity().recent(1, 1))
        .singleElement()
        .satisfies(a -> assertThat(a.reference()).isEqualTo("order 1"));
  }

  @Test
  void aSecondCheckoutIsOrderTwo() {
    shop.checkout(1, "alice-1", null);
    shop.addToCart(1, Catalog.CAP, 1);

    Receipt second = shop.checkout(1, "alice-2", null);

    assertThat(second.orderId()).isEqualTo(2);
    assertThat(shop.timeline().count(2)).isEqualTo(3);
    assertThat(Sql.count(db, "orders")).isEqualTo(2);
  }
}

package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Receipt;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.examples.shop.timeline.EventType;
import io.testlanes.examples.shop.timeline.OrderEvent;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Checkout against the payment provider's sandbox, which takes over a second per charge: a slow
 * class.
 */
@TestLanes
class SlowPaymentProviderTest {
  DataSource db;
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.db = db;
    shop =
        new Shop(db, cassandra, redis, Payments.slow(Duration.ofMillis(1200)), Clock.systemUTC());
    Catalog.stock(shop.catalog());
    shop.register("alice@example.com", "Alice");
    shop.register("bob@example.com", "Bob");
  }

  @Test
  void aSlowPaymentStillCompletesTheOrder() {
    shop.addToCart(1, Catalog.POSTER, 2);

    Receipt receipt = shop.checkout(1, "alice-1", null);

    assertThat(receipt.paid()).isTrue();
    assertThat(shop.history(1))
        .extracting(OrderEvent::type)
        .containsExactly(EventType.PLACED, EventType.PAYMENT_REQUESTED, EventType.PAID);
  }

  @Test
  void twoCustomersCheckOutOneAfterTheOther() {
    shop.addToCart(1, Catalog.MUG, 1);
    shop.addToCart(2, Catalog.MUG, 1);

    assertThat(shop.checkout(1, "alice-1", null).orderId()).isEqualTo(1);
    assertThat(shop.checkout(2, "bob-1", null).orderId()).isEqualTo(2);

    assertThat(Sql.count(db, "orders")).isEqualTo(2);
    assertThat(shop.timeline().count(1) + shop.timeline().count(2)).isEqualTo(6);
  }

  @Test
  void theOrderIsPlacedBeforeThePaymentAnswers() {
    shop.addToCart(1, Catalog.TEE, 1);

    shop.checkout(1, "alice-1", null);

    OrderEvent placed = shop.history(1).get(0);
    OrderEvent paid = shop.history(1).get(2);
    assertThat(placed.type()).isEqualTo(EventType.PLACED);
    assertThat(paid.type()).isEqualTo(EventType.PAID);
    assertThat(paid.at()).isAfter(placed.at());
  }
}

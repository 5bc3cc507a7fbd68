package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Receipt;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.order.OrderStatus;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Payments;
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
class DeclinedPaymentTest {
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    shop = new Shop(db, cassandra, redis, Payments.declining(), Clock.systemUTC());
    Catalog.stock(shop.catalog());
    shop.register("bob@example.com", "Bob");
    shop.addToCart(1, Catalog.CAP, 3);
  }

  @Test
  void aDeclinedPaymentCancelsTheOrder() {
    Receipt receipt = shop.checkout(1, "bob-1", null);

    assertThat(receipt.orderId()).isEqualTo(1);
    assertThat(receipt.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(shop.orders().status(1)).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void theStockComesBack() {
    shop.checkout(1, "bob-1", null);

    assertThat(shop.catalog().stockOf(Catalog.CAP)).isEqualTo(3);
  }

  @Test
  void theCartIsKeptForAnotherTry() {
    shop.checkout(1, "bob-1", null);

    assertThat(shop.carts().items(1)).containsEntry(Catalog.CAP, 3);
  }

  @Test
  void theTimelineShowsFourEvents() {
    shop.checkout(1, "bob-1", null);

    assertThat(shop.history(1))
        .extracting(OrderEvent::type)
        .containsExactly(
            EventType.PLACED,
            EventType.PAYMENT_REQUESTED,
            EventType.PAYMENT_DECLINED,
            EventType.CANCELLED);
  }

  @Test
  void theTotalsCountTheOrderAndItsCancellation() {
    shop.checkout(1, "bob-1", null);

    assertThat(shop.activity().stats(1)).isEqualTo(new CustomerStats(1, 3, 0, 1));
  }

  @Test
  void tryingAgainMakesASecondOrder() {
    shop.checkout(1, "bob-1", null);

    Receipt again = shop.checkout(1, "bob-1", null);

    assertThat(again.orderId()).isEqualTo(2);
    assertThat(shop.timeline().count(1)).isEqualTo(4);
    assertThat(shop.timeline().count(2)).isEqualTo(4);
  }
}

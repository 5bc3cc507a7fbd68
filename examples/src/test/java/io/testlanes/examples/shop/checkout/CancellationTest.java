package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.order.OrderStateException;
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
class CancellationTest {
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    shop = new Shop(db, cassandra, redis, Payments.approving(), Clock.systemUTC());
    Catalog.stock(shop.catalog());
    shop.register("erin@example.com", "Erin");
    shop.addToCart(1, Catalog.MUG, 3);
    shop.checkout(1, "erin-1", null);
  }

  @Test
  void cancellingAPaidOrderRestocks() {
    assertThat(shop.cancel(1, "customer asked")).isTrue();

    assertThat(shop.catalog().stockOf(Catalog.MUG)).isEqualTo(10);
  }

  @Test
  void theTimelineEndsWithTheCancellation() {
    shop.cancel(1, "customer asked");

    assertThat(shop.history(1))
        .extracting(OrderEvent::type)
        .containsExactly(
            EventType.PLACED, EventType.PAYMENT_REQUESTED, EventType.PAID, EventType.CANCELLED);
  }

  @Test
  void cancellingTwiceWritesOneEvent() {
    shop.cancel(1, "customer asked");

    assertThat(shop.cancel(1, "asked again")).isFalse();
    assertThat(shop.timeline().count(1)).isEqualTo(4);
  }

  @Test
  void theTotalsForgetTheMoney() {
    shop.cancel(1, "customer asked");

    assertThat(shop.activity().stats(1)).isEqualTo(new CustomerStats(1, 3, 0, 1));
  }

  @Test
  void aShippedOrderCannotBeCancelled() {
    shop.ship(1, "TRACK-9");

    assertThatThrownBy(() -> shop.cancel(1, "too late")).isInstanceOf(OrderStateException.class);
    assertThat(shop.timeline().count(1)).isEqualTo(4);
  }
}

package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.order.OrderStateException;
import io.testlanes.examples.shop.order.OrderStatus;
import io.testlanes.examples.shop.order.UnknownOrderException;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.timeline.EventType;
import io.testlanes.examples.shop.timeline.OrderEvent;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class ShippingTest {
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    shop = new Shop(db, cassandra, redis, Payments.approving(), Clock.systemUTC());
    Catalog.stock(shop.catalog());
    shop.register("alice@example.com", "Alice");
    shop.addToCart(1, Catalog.TEE, 1);
    shop.checkout(1, "alice-1", null);
  }

  @Test
  void shippingAddsTheFourthEvent() {
    shop.ship(1, "TRACK-0001");

    assertThat(shop.timeline().count(1)).isEqualTo(4);
    assertThat(shop.timeline().last(1))
        .get()
        .extracting(OrderEvent::type, OrderEvent::detail)
        .containsExactly(EventType.SHIPPED, "TRACK-0001");
  }

  @Test
  void aShippedOrderIsShipped() {
    shop.ship(1, "TRACK-0001");

    assertThat(shop.orders().status(1)).isEqualTo(OrderStatus.SHIPPED);
  }

  @Test
  void anOrderShipsOnce() {
    shop.ship(1, "TRACK-0001");

    assertThatThrownBy(() -> shop.ship(1, "TRACK-0002")).isInstanceOf(OrderStateException.class);
    assertThat(shop.timeline().count(1)).isEqualTo(4);
  }

  @Test
  void unknownOrdersCannotShip() {
    assertThatThrownBy(() -> shop.ship(2, "TRACK-0002")).isInstanceOf(UnknownOrderException.class);
    assertThat(shop.timeline().count(2)).isZero();
  }

  @Test
  void shippingShowsInTheCustomersFeed() {
    shop.ship(1, "TRACK-0001");

    assertThat(shop.activity().recent(1, 1))
        .singleElement()
        .satisfies(a -> assertThat(a.kind()).isEqualTo("ORDER_SHIPPED"));
  }
}

package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Receipt;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.customer.Customer;
import io.testlanes.examples.shop.session.Session;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.examples.shop.timeline.Activity;
import io.testlanes.examples.shop.timeline.EventType;
import io.testlanes.examples.shop.timeline.OrderEvent;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** From sign-up to delivery, through every store. */
@TestLanes
class CustomerJourneyTest {
  DataSource db;
  CqlSession cassandra;
  JedisPooled redis;
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.db = db;
    this.cassandra = cassandra;
    this.redis = redis;
    shop = new Shop(db, cassandra, redis, Payments.approving(), Clock.systemUTC());
    Catalog.stock(shop.catalog());
  }

  @Test
  void signUpBrowseBuyAndReceive() {
    Customer frank = shop.register("frank@example.com", "Frank");
    Session session = shop.signIn("frank@example.com").orElseThrow();
    shop.view(frank.id(), Catalog.POSTER);
    shop.view(frank.id(), Catalog.MUG);
    shop.addToCart(frank.id(), Catalog.POSTER, 2);
    Receipt receipt = shop.checkout(frank.id(), session.token() + "-1", null);
    shop.ship(receipt.orderId(), "TRACK-77");

    assertThat(frank.id()).isEqualTo(1);
    assertThat(receipt.orderId()).isEqualTo(1);
    assertThat(shop.history(1))
        .extracting(OrderEvent::type)
        .containsExactly(
            EventType.PLACED, EventType.PAYMENT_REQUESTED, EventType.PAID, EventType.SHIPPED);
    assertThat(shop.activity().recent(1, 10))
        .extracting(Activity::kind)
        .containsExactly("ORDER_SHIPPED", "ORDER_PLACED", "CART_ADD", "SIGNED_IN", "REGISTERED");
    assertThat(shop.views().viewsToday(Catalog.POSTER)).isEqualTo(1);
  }

  @Test
  void everyStoreHoldsExactlyWhatTheJourneyWrote() {
    shop.register("frank@example.com", "Frank");
    shop.signIn("frank@example.com");
    shop.addToCart(1, Catalog.MUG, 1);
    shop.checkout(1, "frank-1", null);

    assertThat(Sql.count(db, "customers")).isEqualTo(1);
    assertThat(Sql.count(db, "orders")).isEqualTo(1);
    assertThat(Sql.count(db, "order_lines")).isEqualTo(1);
    assertThat(Cql.count(cassandra, "order_events")).isEqualTo(3);
    assertThat(Cql.count(cassandra, "customer_activity")).isEqualTo(4);
    // the session, its index, the idempotency key and the checkout counter; the cart is gone
    assertThat(redis.dbSize()).isEqualTo(4);
    assertThat(redis.exists("cart:1")).isFalse();
  }

  @Test
  void twoCustomersDoNotSeeEachOthersCarts() {
    shop.register("frank@example.com", "Frank");
    shop.register("grace@example.com", "Grace");
    shop.addToCart(1, Catalog.MUG, 1);
    shop.addToCart(2, Catalog.TEE, 1);

    shop.checkout(2, "grace-1", null);

    assertThat(shop.carts().items(1)).containsOnlyKeys(Catalog.MUG);
    assertThat(shop.orders().ordersOf(2))
        .singleElement()
        .satisfies(o -> assertThat(o.lines().get(0).sku()).isEqualTo(Catalog.TEE));
  }
}

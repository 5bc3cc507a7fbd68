package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** A sale: many customers check out, each charge a round trip to the provider. A slow class. */
@TestLanes
class BusyDayTest {
  static final int CUSTOMERS = 12;

  DataSource db;
  CqlSession cassandra;
  JedisPooled redis;
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.db = db;
    this.cassandra = cassandra;
    this.redis = redis;
    shop = new Shop(db, cassandra, redis, Payments.slow(Duration.ofMillis(100)), Clock.systemUTC());
    Catalog.stock(shop.catalog());
    for (int i = 1; i <= CUSTOMERS; i++) {
      shop.register("shopper" + i + "@example.com", "Shopper " + i);
      shop.addToCart(i, Catalog.POSTER, 2);
    }
  }

  @Test
  void everyoneGetsTheirPosters() {
    for (int i = 1; i <= CUSTOMERS; i++) {
      assertThat(shop.checkout(i, "sale-" + i, null).orderId()).isEqualTo(i);
    }

    assertThat(shop.catalog().stockOf(Catalog.POSTER)).isEqualTo(50 - 2 * CUSTOMERS);
    assertThat(Sql.count(db, "orders")).isEqualTo(CUSTOMERS);
    assertThat(Cql.count(cassandra, "order_events")).isEqualTo(3L * CUSTOMERS);
  }

  @Test
  void allCartsAreEmptyAfterTheSale() {
    for (int i = 1; i <= CUSTOMERS; i++) {
      shop.checkout(i, "sale-" + i, null);
    }

    assertThat(redis.keys("cart:*")).isEmpty();
    assertThat(redis.keys("idem:*")).hasSize(CUSTOMERS);
  }

  @Test
  void everyTimelineHasThreeEvents() {
    for (int i = 1; i <= CUSTOMERS; i++) {
      shop.checkout(i, "sale-" + i, null);
    }

    for (long order = 1; order <= CUSTOMERS; order++) {
      assertThat(shop.timeline().count(order)).as("events of order %d", order).isEqualTo(3);
    }
  }
}

package io.testlanes.examples.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.order.CustomerSpend;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.examples.shop.timeline.CustomerStats;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Postgres reports and Cassandra counters tell the same story. */
@TestLanes
class ShopReportingTest {
  DataSource db;
  CqlSession cassandra;
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.db = db;
    this.cassandra = cassandra;
    shop = new Shop(db, cassandra, redis, Payments.approving(), Clock.systemUTC());
    Catalog.stock(shop.catalog());
    shop.register("alice@example.com", "Alice");
    shop.register("bob@example.com", "Bob");
    shop.addToCart(1, Catalog.MUG, 2);
    shop.checkout(1, "a-1", null);
    shop.addToCart(2, Catalog.TEE, 1);
    shop.checkout(2, "b-1", null);
    shop.addToCart(1, Catalog.POSTER, 1);
    shop.checkout(1, "a-2", null);
  }

  @Test
  void threeOrdersWerePlaced() {
    assertThat(Sql.count(db, "orders")).isEqualTo(3);
    assertThat(Cql.count(cassandra, "order_events")).isEqualTo(9);
  }

  @Test
  void revenueMatchesTheCounters() {
    long revenue = shop.reports().totalRevenueCents();

    assertThat(revenue).isEqualTo(2400 + 2500 + 900);
    assertThat(shop.activity().stats(1).centsSpent() + shop.activity().stats(2).centsSpent())
        .isEqualTo(revenue);
  }

  @Test
  void topCustomerIsAlice() {
    assertThat(shop.reports().topCustomers(1))
        .containsExactly(new CustomerSpend(1, "Alice", 2, 3300));
    assertThat(shop.activity().stats(1)).isEqualTo(new CustomerStats(2, 3, 3300, 0));
  }
}

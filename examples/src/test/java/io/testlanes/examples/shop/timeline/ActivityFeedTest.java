package io.testlanes.examples.shop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The activity feed names each kind with a label from the reference rows that cassandra/schema.cql
 * inserts. One test relabels a kind; the others still read the schema's labels.
 */
@TestLanes
class ActivityFeedTest {
  CqlSession cassandra;
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.cassandra = cassandra;
    shop = new Shop(db, cassandra, redis, Payments.approving(), Clock.systemUTC());
  }

  @Test
  void everyKindOfActivityHasALabel() {
    assertThat(Cql.count(cassandra, "activity_labels")).isEqualTo(7);
  }

  @Test
  void aNewCustomersFeedSaysTheyJoined() {
    shop.register("alice@example.com", "Alice");

    assertThat(shop.activity().feed(1, 10)).containsExactly("Joined the shop: alice@example.com");
  }

  @Test
  void theFeedTellsTheStoryOfAnOrderNewestFirst() {
    Catalog.stock(shop.catalog());
    shop.register("alice@example.com", "Alice");
    shop.addToCart(1, Catalog.TEE, 1);
    shop.checkout(1, "alice-1", null);
    shop.ship(1, "TRACK-0001");

    assertThat(shop.activity().feed(1, 10))
        .containsExactly(
            "Order on its way: order 1",
            "Placed an order: order 1",
            "Added to cart: TEE-M x1",
            "Joined the shop: alice@example.com");
  }

  @Test
  void aRelabelledKindShowsItsNewLabel() {
    cassandra.execute(
        "UPDATE activity_labels SET label = 'Welcome aboard' WHERE kind = 'REGISTERED'");
    shop.register("alice@example.com", "Alice");

    assertThat(shop.activity().feed(1, 10)).containsExactly("Welcome aboard: alice@example.com");
  }

  @Test
  void aKindWithoutALabelShowsAsItself() {
    shop.activity().record(1, "GIFT_CARD", "card 9");

    assertThat(shop.activity().feed(1, 10)).containsExactly("GIFT_CARD: card 9");
  }
}

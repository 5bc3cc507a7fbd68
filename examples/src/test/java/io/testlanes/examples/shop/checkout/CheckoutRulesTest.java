package io.testlanes.examples.shop.checkout;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.EmptyCartException;
import io.testlanes.examples.shop.Shop;
import io.testlanes.examples.shop.catalog.UnknownProductException;
import io.testlanes.examples.shop.order.Coupon;
import io.testlanes.examples.shop.order.CouponRejectedException;
import io.testlanes.examples.shop.order.OutOfStockException;
import io.testlanes.examples.shop.ratelimit.RateLimitedException;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.examples.shop.support.MutableClock;
import io.testlanes.examples.shop.support.Payments;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

@TestLanes
class CheckoutRulesTest {
  DataSource db;
  CqlSession cassandra;
  JedisPooled redis;
  Payments payments = Payments.approving();
  Shop shop;

  @BeforeEach
  void setUp(DataSource db, CqlSession cassandra, JedisPooled redis) {
    this.db = db;
    this.cassandra = cassandra;
    this.redis = redis;
    // The rate limit counts per clock minute: a clock at a minute's start keeps the six checkouts
    // of the limit test in one minute however slow the machine is.
    this.shop =
        new Shop(
            db, cassandra, redis, payments, new MutableClock(Instant.now().truncatedTo(MINUTES)));
    Catalog.stock(shop.catalog());
    shop.register("carol@example.com", "Carol");
  }

  @Test
  void anEmptyCartCannotBeCheckedOut() {
    assertThatThrownBy(() -> shop.checkout(1, "carol-1", null))
        .isInstanceOf(EmptyCartException.class);
    assertThat(Sql.count(db, "orders")).isZero();
    assertThat(Cql.count(cassandra, "order_events")).isZero();
  }

  @Test
  void outOfStockKeepsTheCartAndWritesNoTimeline() {
    shop.addToCart(1, Catalog.CAP, 4);

    assertThatThrownBy(() -> shop.checkout(1, "carol-1", null))
        .isInstanceOf(OutOfStockException.class);

    assertThat(shop.carts().items(1)).containsEntry(Catalog.CAP, 4);
    assertThat(Cql.count(cassandra, "order_events")).isZero();
    assertThat(payments.charges()).isEmpty();
  }

  @Test
  void aProductWithdrawnWhileInTheCartStopsTheCheckout() {
    shop.addToCart(1, Catalog.TEE, 1);
    shop.catalog().withdraw(Catalog.TEE);

    assertThatThrownBy(() -> shop.checkout(1, "carol-1", null))
        .isInstanceOf(UnknownProductException.class);
    assertThat(Sql.count(db, "orders")).isZero();
  }

  @Test
  void aRejectedCouponOrdersNothing() {
    shop.orders().createCoupon(new Coupon("ONCE", 20, 1, null));
    shop.register("dan@example.com", "Dan");
    shop.addToCart(2, Catalog.MUG, 1);
    shop.checkout(2, "dan-1", "ONCE");
    shop.addToCart(1, Catalog.MUG, 1);

    assertThatThrownBy(() -> shop.checkout(1, "carol-1", "ONCE"))
        .isInstanceOf(CouponRejectedException.class);
    assertThat(Sql.count(db, "orders")).isEqualTo(1);
    assertThat(shop.carts().items(1)).containsEntry(Catalog.MUG, 1);
  }

  @Test
  void theSixthCheckoutInAMinuteIsRefused() {
    for (int i = 1; i <= Shop.CHECKOUTS_PER_MINUTE; i++) {
      shop.addToCart(1, Catalog.POSTER, 1);
      shop.checkout(1, "carol-" + i, null);
    }
    shop.addToCart(1, Catalog.POSTER, 1);

    assertThatThrownBy(() -> shop.checkout(1, "carol-6", null))
        .isInstanceOf(RateLimitedException.class);
    assertThat(Sql.count(db, "orders")).isEqualTo(5);
    assertThat(redis.keys("rate:checkout:*")).hasSize(1);
  }

  @Test
  void aFailedCheckoutCanBeRetriedWithTheSameKey() {
    shop.addToCart(1, Catalog.CAP, 4);
    assertThatThrownBy(() -> shop.checkout(1, "carol-1", null))
        .isInstanceOf(OutOfStockException.class);
    shop.carts().setQuantity(1, Catalog.CAP, 3);

    assertThat(shop.checkout(1, "carol-1", null).orderId()).isEqualTo(1);
  }
}

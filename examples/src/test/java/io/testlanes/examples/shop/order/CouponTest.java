package io.testlanes.examples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.catalog.ProductCatalog;
import io.testlanes.examples.shop.customer.CustomerRepository;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.MutableClock;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class CouponTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  DataSource db;
  MutableClock clock;
  OrderService orders;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.clock = new MutableClock(NOW);
    this.orders = new OrderService(db, clock);
    CustomerRepository customers = new CustomerRepository(db);
    customers.register("alice@example.com", "Alice");
    customers.register("bob@example.com", "Bob");
    customers.register("carol@example.com", "Carol");
    Catalog.stock(new ProductCatalog(db));
    orders.createCoupon(new Coupon("WELCOME10", 10, 100, null));
    orders.createCoupon(new Coupon("HALFPRICE", 50, 2, NOW.plus(Duration.ofDays(1))));
  }

  static List<LineRequest> twoTees() {
    return List.of(new LineRequest(Catalog.TEE, 2));
  }

  @Test
  void aCouponTakesItsPercentageOff() {
    Order order = orders.place(1, twoTees(), "WELCOME10");

    assertThat(order.totalCents()).isEqualTo(4500);
    assertThat(order.couponCode()).isEqualTo("WELCOME10");
  }

  @Test
  void aCustomerCanUseACouponOnce() {
    orders.place(1, twoTees(), "WELCOME10");

    assertThatThrownBy(() -> orders.place(1, List.of(new LineRequest(Catalog.MUG, 1)), "WELCOME10"))
        .isInstanceOf(CouponRejectedException.class)
        .hasMessageContaining("already used");
    assertThat(Sql.count(db, "orders")).isEqualTo(1);
    assertThat(orders.redemptions("WELCOME10")).isEqualTo(1);
  }

  @Test
  void aCouponRunsOutAfterItsLastRedemption() {
    orders.place(1, List.of(new LineRequest(Catalog.MUG, 1)), "HALFPRICE");
    orders.place(2, List.of(new LineRequest(Catalog.MUG, 1)), "HALFPRICE");

    assertThatThrownBy(() -> orders.place(3, List.of(new LineRequest(Catalog.MUG, 1)), "HALFPRICE"))
        .isInstanceOf(CouponRejectedException.class)
        .hasMessageContaining("used up");
  }

  @Test
  void anExpiredCouponIsRejected() {
    clock.advance(Duration.ofDays(2));

    assertThatThrownBy(() -> orders.place(1, twoTees(), "HALFPRICE"))
        .isInstanceOf(CouponRejectedException.class)
        .hasMessageContaining("expired");
    assertThat(Sql.number(db, "SELECT on_hand FROM stock WHERE product_id = 2")).isEqualTo(5);
  }

  @Test
  void anUnknownCouponIsRejected() {
    assertThatThrownBy(() -> orders.place(1, twoTees(), "FREESTUFF"))
        .isInstanceOf(CouponRejectedException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void cancellingAnOrderGivesItsRedemptionBack() {
    Order first = orders.place(1, twoTees(), "HALFPRICE");
    orders.place(2, twoTees(), "HALFPRICE");

    orders.cancel(first.id());

    Order third = orders.place(3, List.of(new LineRequest(Catalog.MUG, 1)), "HALFPRICE");
    assertThat(third.id()).isEqualTo(3);
    assertThat(third.totalCents()).isEqualTo(600);
    assertThat(Sql.count(db, "coupon_redemptions")).isEqualTo(2);
  }
}

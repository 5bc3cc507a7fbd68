package io.testlanes.examples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.catalog.ProductCatalog;
import io.testlanes.examples.shop.customer.CustomerRepository;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class OrderLifecycleTest {
  DataSource db;
  ProductCatalog catalog;
  OrderService orders;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.catalog = new ProductCatalog(db);
    this.orders = new OrderService(db, Clock.systemUTC());
    new CustomerRepository(db).register("alice@example.com", "Alice");
    Catalog.stock(catalog);
    orders.place(1, List.of(new LineRequest(Catalog.TEE, 2)), null);
  }

  @Test
  void aPlacedOrderCanBePaidAndShipped() {
    orders.markPaid(1);
    orders.markShipped(1);

    assertThat(orders.status(1)).isEqualTo(OrderStatus.SHIPPED);
  }

  @Test
  void anUnpaidOrderCannotBeShipped() {
    assertThatThrownBy(() -> orders.markShipped(1))
        .isInstanceOfSatisfying(
            OrderStateException.class, e -> assertThat(e.status()).isEqualTo(OrderStatus.PLACED));
  }

  @Test
  void cancellingPutsTheUnitsBack() {
    assertThat(catalog.stockOf(Catalog.TEE)).isEqualTo(3);

    assertThat(orders.cancel(1)).isTrue();

    assertThat(catalog.stockOf(Catalog.TEE)).isEqualTo(5);
    assertThat(orders.status(1)).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void cancellingTwiceChangesNothing() {
    orders.cancel(1);

    assertThat(orders.cancel(1)).isFalse();
    assertThat(catalog.stockOf(Catalog.TEE)).isEqualTo(5);
  }

  @Test
  void aShippedOrderCannotBeCancelled() {
    orders.markPaid(1);
    orders.markShipped(1);

    assertThatThrownBy(() -> orders.cancel(1)).isInstanceOf(OrderStateException.class);
    assertThat(catalog.stockOf(Catalog.TEE)).isEqualTo(3);
  }

  @Test
  void unknownOrdersAreReported() {
    assertThatThrownBy(() -> orders.cancel(2)).isInstanceOf(UnknownOrderException.class);
    assertThatThrownBy(() -> orders.markPaid(2)).isInstanceOf(UnknownOrderException.class);
  }

  @Test
  void onlyOneOrderIsOpen() {
    assertThat(Sql.number(db, "SELECT count(*) FROM orders WHERE status IN ('PLACED', 'PAID')"))
        .isEqualTo(1);
  }
}

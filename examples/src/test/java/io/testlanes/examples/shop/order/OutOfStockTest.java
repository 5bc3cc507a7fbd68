package io.testlanes.examples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.shop.catalog.ProductCatalog;
import io.testlanes.examples.shop.catalog.UnknownProductException;
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
class OutOfStockTest {
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
  }

  @Test
  void orderingMoreThanIsOnHandFails() {
    assertThatThrownBy(() -> orders.place(1, List.of(new LineRequest(Catalog.CAP, 4)), null))
        .isInstanceOfSatisfying(
            OutOfStockException.class,
            e -> {
              assertThat(e.sku()).isEqualTo(Catalog.CAP);
              assertThat(e.requested()).isEqualTo(4);
              assertThat(e.available()).isEqualTo(3);
            });
  }

  @Test
  void aFailedOrderLeavesNoRows() {
    assertThatThrownBy(
            () ->
                orders.place(
                    1,
                    List.of(new LineRequest(Catalog.MUG, 1), new LineRequest(Catalog.CAP, 9)),
                    null))
        .isInstanceOf(OutOfStockException.class);

    assertThat(Sql.count(db, "orders")).isZero();
    assertThat(Sql.count(db, "order_lines")).isZero();
    assertThat(catalog.stockOf(Catalog.MUG)).isEqualTo(10);
  }

  @Test
  void theLastUnitsCanBeOrdered() {
    orders.place(1, List.of(new LineRequest(Catalog.CAP, 3)), null);

    assertThat(catalog.stockOf(Catalog.CAP)).isZero();
    assertThatThrownBy(() -> orders.place(1, List.of(new LineRequest(Catalog.CAP, 1)), null))
        .isInstanceOf(OutOfStockException.class);
  }

  @Test
  void anIdUsedByAFailedOrderIsNotReused() {
    assertThatThrownBy(() -> orders.place(1, List.of(new LineRequest(Catalog.CAP, 4)), null))
        .isInstanceOf(OutOfStockException.class);

    Order order = orders.place(1, List.of(new LineRequest(Catalog.CAP, 1)), null);

    // the failed order did not reach the INSERT, so the sequence did not move
    assertThat(order.id()).isEqualTo(1);
  }

  @Test
  void unknownAndWithdrawnProductsCannotBeOrdered() {
    catalog.withdraw(Catalog.TEE);

    assertThatThrownBy(() -> orders.place(1, List.of(new LineRequest("GHOST-1", 1)), null))
        .isInstanceOf(UnknownProductException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> orders.place(1, List.of(new LineRequest(Catalog.TEE, 1)), null))
        .isInstanceOf(UnknownProductException.class)
        .hasMessageContaining("no longer sold");
    assertThat(Sql.count(db, "orders")).isZero();
  }

  @Test
  void unknownCustomersCannotOrder() {
    assertThatThrownBy(() -> orders.place(42, List.of(new LineRequest(Catalog.MUG, 1)), null))
        .isInstanceOf(UnknownCustomerException.class)
        .hasMessageContaining("42");
    assertThat(catalog.stockOf(Catalog.MUG)).isEqualTo(10);
  }
}

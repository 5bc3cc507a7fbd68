package io.testlanes.examples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.shop.catalog.ProductCatalog;
import io.testlanes.examples.shop.customer.CustomerRepository;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class OrderQueriesTest {
  OrderService orders;

  @BeforeEach
  void setUp(DataSource db) {
    orders = new OrderService(db, Clock.systemUTC());
    CustomerRepository customers = new CustomerRepository(db);
    customers.register("alice@example.com", "Alice");
    customers.register("bob@example.com", "Bob");
    Catalog.stock(new ProductCatalog(db));
    orders.place(1, List.of(new LineRequest(Catalog.MUG, 1)), null);
    orders.place(2, List.of(new LineRequest(Catalog.TEE, 1)), null);
    orders.place(
        1, List.of(new LineRequest(Catalog.CAP, 1), new LineRequest(Catalog.MUG, 1)), null);
  }

  @Test
  void aCustomersOrdersComeNewestFirst() {
    assertThat(orders.ordersOf(1)).extracting(Order::id).containsExactly(3L, 1L);
  }

  @Test
  void ordersComeWithTheirLines() {
    Order third = orders.find(3).orElseThrow();

    assertThat(third.lines()).extracting(OrderLine::sku).containsExactly(Catalog.CAP, Catalog.MUG);
    assertThat(third.totalCents()).isEqualTo(3000);
  }

  @Test
  void unknownOrdersAreEmpty() {
    assertThat(orders.find(4)).isEmpty();
    assertThat(orders.ordersOf(42)).isEmpty();
  }

  @Test
  void bobHasOneOrder() {
    assertThat(orders.ordersOf(2))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.id()).isEqualTo(2);
              assertThat(o.lines()).containsExactly(new OrderLine(1, Catalog.TEE, 1, 2500));
            });
  }
}

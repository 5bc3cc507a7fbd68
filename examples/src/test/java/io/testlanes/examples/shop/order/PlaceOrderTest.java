package io.testlanes.examples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

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
class PlaceOrderTest {
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
  void firstOrderGetsIdOne() {
    Order order = orders.place(1, List.of(new LineRequest(Catalog.MUG, 2)), null);

    assertThat(order.id()).isEqualTo(1);
    assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
  }

  @Test
  void orderIdsCountUp() {
    Order first = orders.place(1, List.of(new LineRequest(Catalog.MUG, 1)), null);
    Order second = orders.place(1, List.of(new LineRequest(Catalog.TEE, 1)), null);
    Order third = orders.place(1, List.of(new LineRequest(Catalog.CAP, 1)), null);

    assertThat(List.of(first.id(), second.id(), third.id())).containsExactly(1L, 2L, 3L);
    assertThat(Sql.count(db, "orders")).isEqualTo(3);
  }

  @Test
  void totalIsTheSumOfTheLines() {
    Order order =
        orders.place(
            1, List.of(new LineRequest(Catalog.MUG, 2), new LineRequest(Catalog.POSTER, 3)), null);

    assertThat(order.totalCents()).isEqualTo(2 * 1200 + 3 * 900);
    assertThat(order.itemCount()).isEqualTo(5);
  }

  @Test
  void linesAreStoredWithThePriceOfTheMoment() {
    orders.place(
        1, List.of(new LineRequest(Catalog.TEE, 1), new LineRequest(Catalog.MUG, 2)), null);
    catalog.changePrice(Catalog.MUG, 1500);

    Order stored = orders.find(1).orElseThrow();
    assertThat(stored.lines())
        .containsExactly(
            new OrderLine(1, Catalog.MUG, 2, 1200), new OrderLine(2, Catalog.TEE, 1, 2500));
    assertThat(Sql.count(db, "order_lines")).isEqualTo(2);
  }

  @Test
  void orderingTakesTheUnitsFromStock() {
    orders.place(1, List.of(new LineRequest(Catalog.MUG, 4)), null);

    assertThat(catalog.stockOf(Catalog.MUG)).isEqualTo(6);
    assertThat(catalog.stockOf(Catalog.TEE)).isEqualTo(5);
  }

  @Test
  void theSameSkuOnTwoLinesIsOrderedOnce() {
    Order order =
        orders.place(
            1, List.of(new LineRequest(Catalog.CAP, 1), new LineRequest(Catalog.CAP, 2)), null);

    assertThat(order.lines()).containsExactly(new OrderLine(1, Catalog.CAP, 3, 1800));
    assertThat(catalog.stockOf(Catalog.CAP)).isZero();
  }
}

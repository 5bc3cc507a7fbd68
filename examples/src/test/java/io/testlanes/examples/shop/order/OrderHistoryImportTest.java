package io.testlanes.examples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.shop.catalog.ProductCatalog;
import io.testlanes.examples.shop.catalog.ProductCatalog.NewProduct;
import io.testlanes.examples.shop.customer.CustomerRepository;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A slow class: replays hundreds of orders one by one, as the migration from the old shop did. */
@TestLanes
class OrderHistoryImportTest {
  static final int CUSTOMERS = 10;
  static final int ORDERS = 300;

  DataSource db;
  OrderService orders;
  SalesReport report;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.orders = new OrderService(db, Clock.systemUTC());
    this.report = new SalesReport(db);
    CustomerRepository customers = new CustomerRepository(db);
    for (int i = 1; i <= CUSTOMERS; i++) {
      customers.importWithId(i, "legacy" + i + "@example.com", "Legacy " + i);
    }
    List<NewProduct> products = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      products.add(
          new NewProduct(String.format("OLD-%02d", i), "Old product " + i, 100 * i, 100_000));
    }
    new ProductCatalog(db).addAll(products);
  }

  void replay() {
    for (int i = 0; i < ORDERS; i++) {
      long customer = 1 + i % CUSTOMERS;
      String sku = String.format("OLD-%02d", 1 + i % 20);
      orders.place(customer, List.of(new LineRequest(sku, 1 + i % 3)), null);
    }
  }

  @Test
  void everyOrderIsThere() {
    replay();

    assertThat(Sql.count(db, "orders")).isEqualTo(ORDERS);
    assertThat(Sql.count(db, "order_lines")).isEqualTo(ORDERS);
    assertThat(Sql.number(db, "SELECT max(id) FROM orders")).isEqualTo(ORDERS);
  }

  @Test
  void unitsSoldMatchTheStockTaken() {
    replay();

    long sold = Sql.number(db, "SELECT sum(quantity) FROM order_lines");
    long left = Sql.number(db, "SELECT sum(on_hand) FROM stock");
    assertThat(sold + left).isEqualTo(20L * 100_000);
    assertThat(sold).isEqualTo(600);
  }

  @Test
  void everyCustomerHasThirtyOrders() {
    replay();

    assertThat(
            Sql.number(
                db,
                "SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id"
                    + " HAVING count(*) = 30) c"))
        .isEqualTo(CUSTOMERS);
    assertThat(orders.ordersOf(7)).hasSize(30);
  }
}

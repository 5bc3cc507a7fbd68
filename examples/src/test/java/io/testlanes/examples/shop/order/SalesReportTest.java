package io.testlanes.examples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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
class SalesReportTest {
  OrderService orders;
  SalesReport report;

  @BeforeEach
  void setUp(DataSource db) {
    orders = new OrderService(db, Clock.systemUTC());
    report = new SalesReport(db);
    CustomerRepository customers = new CustomerRepository(db);
    customers.register("alice@example.com", "Alice");
    customers.register("bob@example.com", "Bob");
    customers.register("carol@example.com", "Carol");
    Catalog.stock(new ProductCatalog(db));
    // order 1: Alice, 2 mugs = 2400
    orders.place(1, List.of(new LineRequest(Catalog.MUG, 2)), null);
    // order 2: Bob, 1 tee + 4 posters = 6100
    orders.place(
        2, List.of(new LineRequest(Catalog.TEE, 1), new LineRequest(Catalog.POSTER, 4)), null);
    // order 3: Alice, 1 cap = 1800
    orders.place(1, List.of(new LineRequest(Catalog.CAP, 1)), null);
    // order 4: Carol, 3 tees = 7500, cancelled
    orders.place(3, List.of(new LineRequest(Catalog.TEE, 3)), null);
    orders.cancel(4);
    orders.markPaid(1);
    orders.markPaid(2);
    orders.markShipped(2);
  }

  @Test
  void revenueByProductLeavesCancelledOrdersOut() {
    assertThat(report.revenueByProduct())
        .containsExactly(
            new ProductSales(Catalog.POSTER, "Poster A2", 4, 3600),
            new ProductSales(Catalog.TEE, "T-shirt, M", 1, 2500),
            new ProductSales(Catalog.MUG, "Enamel mug", 2, 2400),
            new ProductSales(Catalog.CAP, "Cap", 1, 1800));
  }

  @Test
  void topCustomersBySpend() {
    assertThat(report.topCustomers(2))
        .containsExactly(
            new CustomerSpend(2, "Bob", 1, 6100), new CustomerSpend(1, "Alice", 2, 4200));
  }

  @Test
  void customersWithOnlyCancelledOrdersAreNotTopCustomers() {
    assertThat(report.topCustomers(10)).extracting(CustomerSpend::customerId).doesNotContain(3L);
  }

  @Test
  void ordersByStatus() {
    assertThat(report.ordersByStatus())
        .containsOnly(
            entry(OrderStatus.PLACED, 1L),
            entry(OrderStatus.PAID, 1L),
            entry(OrderStatus.SHIPPED, 1L),
            entry(OrderStatus.CANCELLED, 1L));
  }

  @Test
  void totalRevenue() {
    assertThat(report.totalRevenueCents()).isEqualTo(2400 + 6100 + 1800);
  }
}

package io.testlanes.examples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.shop.catalog.ProductCatalog;
import io.testlanes.examples.shop.customer.CustomerRepository;
import io.testlanes.examples.shop.support.Catalog;
import io.testlanes.examples.shop.support.Sql;
import io.testlanes.junit.TestLanes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several buyers at once: the stock locks must neither oversell nor deadlock. */
@TestLanes
class ConcurrentOrdersTest {
  static final int BUYERS = 6;

  DataSource db;
  ProductCatalog catalog;
  OrderService orders;
  ExecutorService pool;

  @BeforeEach
  void setUp(DataSource db) {
    this.db = db;
    this.catalog = new ProductCatalog(db);
    this.orders = new OrderService(db, Clock.systemUTC());
    this.pool = Executors.newFixedThreadPool(BUYERS);
    CustomerRepository customers = new CustomerRepository(db);
    for (int i = 1; i <= BUYERS; i++) {
      customers.register("buyer" + i + "@example.com", "Buyer " + i);
    }
    Catalog.stock(catalog);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** Each buyer tries to order {@code lines}; returns how many succeeded. */
  int race(List<LineRequest> lines) throws Exception {
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 1; i <= BUYERS; i++) {
      long customer = i;
      tasks.add(
          () -> {
            try {
              orders.place(customer, lines, null);
              return true;
            } catch (OutOfStockException e) {
              return false;
            }
          });
    }
    int ok = 0;
    for (Future<Boolean> f : pool.invokeAll(tasks)) {
      if (f.get()) {
        ok++;
      }
    }
    return ok;
  }

  @Test
  void threeCapsGoToThreeBuyers() throws Exception {
    assertThat(race(List.of(new LineRequest(Catalog.CAP, 1)))).isEqualTo(3);

    assertThat(catalog.stockOf(Catalog.CAP)).isZero();
    assertThat(Sql.count(db, "orders")).isEqualTo(3);
  }

  @Test
  void buyersOfTheSameProductsInAnyOrderDoNotDeadlock() throws Exception {
    int sold =
        race(
            List.of(
                new LineRequest(Catalog.POSTER, 2),
                new LineRequest(Catalog.MUG, 1),
                new LineRequest(Catalog.TEE, 1)));

    assertThat(sold).isEqualTo(5);
    assertThat(catalog.stockOf(Catalog.TEE)).isZero();
    assertThat(catalog.stockOf(Catalog.MUG)).isEqualTo(5);
    assertThat(catalog.stockOf(Catalog.POSTER)).isEqualTo(40);
  }

  @Test
  void orderIdsHaveNoGapsAfterARace() throws Exception {
    race(List.of(new LineRequest(Catalog.MUG, 1)));

    assertThat(Sql.column(db, "SELECT id FROM orders ORDER BY id"))
        .containsExactly("1", "2", "3", "4", "5", "6");
  }
}

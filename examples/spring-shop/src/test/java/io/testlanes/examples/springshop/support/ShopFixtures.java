package io.testlanes.examples.springshop.support;

import io.testlanes.examples.springshop.Carts;
import io.testlanes.examples.springshop.Catalog;
import io.testlanes.examples.springshop.Orders;
import io.testlanes.examples.springshop.Product;
import io.testlanes.examples.springshop.Timeline;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every shop test uses: the shop's beans and a few helpers. {@link ShopTest} says where they
 * come from (the class's lane); the benchmarks' Testcontainers variant of the suite has a {@code
 * ShopTest} of its own on these same fixtures.
 */
public abstract class ShopFixtures {
  @Autowired protected Catalog catalog;
  @Autowired protected Carts carts;
  @Autowired protected Orders orders;
  @Autowired protected Timeline timeline;
  @Autowired protected JdbcTemplate jdbc;

  /** The usual fixture: three products with fixed skus. */
  protected void stockTheShelves() {
    catalog.add(new Product("MUG-1", "Mug", 1250, "EUR", 10));
    catalog.add(new Product("TEA-1", "Green tea", 800, "EUR", 5));
    catalog.add(new Product("PEN-1", "Pen", 300, "EUR", 100));
  }

  protected int rows(String table) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    return n == null ? 0 : n;
  }

  /** A short pause, as a slower real operation would take: tests of other classes run meanwhile. */
  protected static void work() {
    try {
      Thread.sleep(150);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

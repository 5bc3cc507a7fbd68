package io.testlanes.examples.springshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.Product;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class LowStockTest extends ShopTest {
  @Test
  void productsUnderTheThresholdAreLow() {
    stockTheShelves();
    work();
    assertThat(catalog.lowStock(6)).extracting(Product::sku).containsExactly("TEA-1");
  }

  @Test
  void nothingIsLowOnAFullShelf() {
    catalog.add(new Product("BIG-1", "Big box", 100, "EUR", 1000));
    assertThat(catalog.lowStock(10)).isEmpty();
  }
}

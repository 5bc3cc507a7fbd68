package io.testlanes.examples.springshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.Product;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class CatalogImportTest extends ShopTest {
  @Test
  void importsAHundredProducts() {
    for (int i = 0; i < 100; i++) {
      catalog.add(new Product(String.format("SKU-%03d", i), "Item " + i, 100 + i, "EUR", i));
    }
    work();
    assertThat(rows("products")).isEqualTo(100);
    assertThat(catalog.all().get(0).sku()).isEqualTo("SKU-000");
  }
}

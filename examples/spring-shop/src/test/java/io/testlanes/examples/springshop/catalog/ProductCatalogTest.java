package io.testlanes.examples.springshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.springshop.Product;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class ProductCatalogTest extends ShopTest {
  @Test
  void listsTheThreeProductsInSkuOrder() {
    stockTheShelves();
    work();
    assertThat(catalog.all()).extracting(Product::sku).containsExactly("MUG-1", "PEN-1", "TEA-1");
  }

  @Test
  void aDuplicateSkuIsRejected() {
    stockTheShelves();
    assertThatThrownBy(() -> catalog.add(new Product("MUG-1", "Other mug", 1, "EUR", 1)))
        .hasMessageContaining("duplicate key");
    assertThat(rows("products")).isEqualTo(3);
  }
}

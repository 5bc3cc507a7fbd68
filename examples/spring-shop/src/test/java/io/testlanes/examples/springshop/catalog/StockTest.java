package io.testlanes.examples.springshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StockTest extends ShopTest {
  @Test
  void takingStockLowersIt() {
    stockTheShelves();
    assertThat(catalog.take("TEA-1", 2)).isTrue();
    work();
    assertThat(catalog.find("TEA-1").orElseThrow().stock()).isEqualTo(3);
  }

  @Test
  void stockNeverGoesBelowZero() {
    stockTheShelves();
    assertThat(catalog.take("TEA-1", 6)).isFalse();
    assertThat(catalog.find("TEA-1").orElseThrow().stock()).isEqualTo(5);
  }

  @Nested
  class Restocking {
    @Test
    void restockAddsToWhatIsThere() {
      stockTheShelves();
      catalog.restock("MUG-1", 5);
      work();
      assertThat(catalog.find("MUG-1").orElseThrow().stock()).isEqualTo(15);
    }
  }
}

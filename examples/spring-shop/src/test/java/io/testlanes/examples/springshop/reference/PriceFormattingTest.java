package io.testlanes.examples.springshop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Prices are formatted from the reference currencies. */
@Tag("seed-rows")
class PriceFormattingTest extends ShopTest {
  @Test
  void euros() {
    assertThat(catalog.formatPrice(1250, "EUR")).isEqualTo("€12.50");
  }

  @Test
  void yenHaveNoDecimals() {
    assertThat(catalog.formatPrice(1200, "JPY")).isEqualTo("¥1200");
  }
}

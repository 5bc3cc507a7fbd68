package io.testlanes.examples.springshop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.Product;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A product's price is shown in its currency, from the reference rows. */
@Tag("seed-rows")
class ProductCurrencyTest extends ShopTest {
  @Test
  void aProductInSwissFrancs() {
    catalog.add(new Product("CHOC-1", "Chocolate", 450, "CHF", 3));
    assertThat(catalog.formatPrice(catalog.find("CHOC-1").orElseThrow().priceCents(), "CHF"))
        .isEqualTo("CHF4.50");
  }

  @Test
  void dollarsToo() {
    catalog.add(new Product("CAP-1", "Cap", 1999, "USD", 3));
    assertThat(catalog.formatPrice(1999, "USD")).isEqualTo("$19.99");
  }
}

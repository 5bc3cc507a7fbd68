package io.testlanes.examples.springshop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;

/** The currencies the migrations insert are there for every test, after every reset. */
@Tag("seed-rows")
class CurrenciesTest extends ShopTest {
  @RepeatedTest(3)
  void theFourCurrencies() {
    work();
    assertThat(catalog.currencies()).containsExactly("CHF", "EUR", "JPY", "USD");
  }
}

package io.testlanes.examples.springshop.carts;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class ProductViewsTest extends ShopTest {
  @Test
  void viewsAreCountedFromOne() {
    assertThat(carts.viewed("MUG-1")).isEqualTo(1);
    work();
    assertThat(carts.viewed("MUG-1")).isEqualTo(2);
  }
}

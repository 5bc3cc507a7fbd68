package io.testlanes.examples.springshop.carts;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CartCheckoutTest extends ShopTest {
  @Test
  void checkoutEmptiesTheCart() {
    stockTheShelves();
    carts.add("kim", "TEA-1", 1);
    orders.checkout("kim");
    work();
    assertThat(carts.contents("kim")).isEmpty();
    assertThat(carts.openCarts()).isZero();
  }

  @Nested
  class SeveralCustomers {
    @Test
    void threeOpenCarts() {
      carts.add("a", "PEN-1", 1);
      carts.add("b", "PEN-1", 1);
      carts.add("c", "PEN-1", 1);
      work();
      assertThat(carts.openCarts()).isEqualTo(3);
    }
  }
}

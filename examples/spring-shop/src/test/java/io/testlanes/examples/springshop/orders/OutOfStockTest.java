package io.testlanes.examples.springshop.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class OutOfStockTest extends ShopTest {
  @Test
  void aCartLargerThanTheStockIsRefusedAndNothingIsTaken() {
    stockTheShelves();
    carts.add("carol", "TEA-1", 9);
    assertThatThrownBy(() -> orders.checkout("carol")).hasMessageContaining("out of stock: TEA-1");
    work();
    assertThat(catalog.find("TEA-1").orElseThrow().stock()).isEqualTo(5);
    assertThat(rows("orders")).isZero();
  }

  @Test
  void anEmptyCartCannotBeCheckedOut() {
    assertThatThrownBy(() -> orders.checkout("nobody")).hasMessageContaining("is empty");
  }
}

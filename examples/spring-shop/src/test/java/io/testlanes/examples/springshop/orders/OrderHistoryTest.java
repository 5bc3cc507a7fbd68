package io.testlanes.examples.springshop.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.Orders.Order;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderHistoryTest extends ShopTest {
  @Test
  void aCustomersOrdersInOrder() {
    stockTheShelves();
    for (int i = 0; i < 3; i++) {
      carts.add("frank", "PEN-1", 1);
      orders.checkout("frank");
    }
    work();
    assertThat(orders.of("frank")).extracting(Order::id).containsExactly(1L, 2L, 3L);
  }

  @Nested
  class Revenue {
    @Test
    void paidOrdersCount() {
      stockTheShelves();
      carts.add("gina", "MUG-1", 1);
      orders.checkout("gina");
      carts.add("hugo", "TEA-1", 1);
      orders.checkout("hugo");
      work();
      assertThat(orders.revenueCents()).isEqualTo(2050);
    }
  }
}

package io.testlanes.examples.springshop.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.Orders.Order;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class PlaceOrderTest extends ShopTest {
  @Test
  void checkingOutPlacesOrderNumberOne() {
    stockTheShelves();
    carts.add("alice", "MUG-1", 2);
    Order order = orders.checkout("alice");
    work();
    assertThat(order.id()).isEqualTo(1);
    assertThat(order.totalCents()).isEqualTo(2500);
    assertThat(orders.all()).hasSize(1);
  }

  @Test
  void checkoutTakesTheStock() {
    stockTheShelves();
    carts.add("bob", "TEA-1", 5);
    orders.checkout("bob");
    assertThat(catalog.find("TEA-1").orElseThrow().stock()).isZero();
    assertThat(rows("order_lines")).isEqualTo(1);
  }
}

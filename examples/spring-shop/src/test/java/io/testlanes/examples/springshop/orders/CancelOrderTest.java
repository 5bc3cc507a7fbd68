package io.testlanes.examples.springshop.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.examples.springshop.Orders.Order;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class CancelOrderTest extends ShopTest {
  @Test
  void cancellingPutsTheStockBack() {
    stockTheShelves();
    carts.add("dave", "PEN-1", 10);
    Order o = orders.checkout("dave");
    orders.cancel(o.id());
    work();
    assertThat(catalog.find("PEN-1").orElseThrow().stock()).isEqualTo(100);
    assertThat(orders.all()).extracting(Order::status).containsExactly("CANCELLED");
  }

  @Test
  void anOrderIsCancelledOnlyOnce() {
    stockTheShelves();
    carts.add("erin", "PEN-1", 1);
    Order o = orders.checkout("erin");
    orders.cancel(o.id());
    assertThatThrownBy(() -> orders.cancel(o.id())).hasMessageContaining("cannot be cancelled");
  }
}

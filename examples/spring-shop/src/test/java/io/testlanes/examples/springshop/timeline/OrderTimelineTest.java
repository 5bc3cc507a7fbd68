package io.testlanes.examples.springshop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.Orders.Order;
import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class OrderTimelineTest extends ShopTest {
  @Test
  void aPaidOrderHasTwoEvents() {
    stockTheShelves();
    carts.add("liz", "MUG-1", 1);
    Order o = orders.checkout("liz");
    work();
    assertThat(timeline.events(o.id())).containsExactly("PLACED", "PAID");
  }

  @Test
  void aCancelledOrderHasExactlyThreeEvents() {
    stockTheShelves();
    carts.add("max", "MUG-1", 1);
    Order o = orders.checkout("max");
    orders.cancel(o.id());
    work();
    assertThat(timeline.events(o.id())).containsExactly("PLACED", "PAID", "CANCELLED");
    assertThat(timeline.allEvents()).isEqualTo(3);
  }
}

package io.testlanes.examples.springshop.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class BusyDayTest extends ShopTest {
  @Test
  void twentyCustomersCheckOut() {
    stockTheShelves();
    for (int i = 0; i < 20; i++) {
      carts.add("customer-" + i, "PEN-1", 2);
      orders.checkout("customer-" + i);
    }
    assertThat(rows("orders")).isEqualTo(20);
    assertThat(catalog.find("PEN-1").orElseThrow().stock()).isEqualTo(60);
    assertThat(timeline.allEvents()).isEqualTo(40);
  }
}

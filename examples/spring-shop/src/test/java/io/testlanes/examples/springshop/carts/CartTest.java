package io.testlanes.examples.springshop.carts;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CartTest extends ShopTest {
  @Test
  void addingTheSameSkuTwiceAddsUp() {
    carts.add("ivy", "MUG-1", 1);
    carts.add("ivy", "MUG-1", 2);
    work();
    assertThat(carts.contents("ivy")).isEqualTo(Map.of("MUG-1", 3));
  }

  @Test
  void oneOpenCart() {
    carts.add("jack", "PEN-1", 1);
    work();
    assertThat(carts.openCarts()).isEqualTo(1);
  }
}

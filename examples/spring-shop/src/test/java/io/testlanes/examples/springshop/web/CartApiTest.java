package io.testlanes.examples.springshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.WebShopTest;
import org.junit.jupiter.api.Test;

class CartApiTest extends WebShopTest {
  @Test
  void theCartOverHttp() throws Exception {
    post("/carts/tom?sku=MUG-1&quantity=2");
    post("/carts/tom?sku=PEN-1&quantity=1");
    work();
    assertThat(get("/carts/tom").body()).isEqualTo("{\"MUG-1\":2,\"PEN-1\":1}");
    assertThat(carts.openCarts()).isEqualTo(1);
  }
}

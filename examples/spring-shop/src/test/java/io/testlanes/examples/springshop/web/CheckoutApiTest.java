package io.testlanes.examples.springshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.WebShopTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CheckoutApiTest extends WebShopTest {
  @Test
  void aCartCheckedOutOverHttpIsOrderOne() throws Exception {
    stockTheShelves();
    assertThat(post("/carts/rita?sku=MUG-1&quantity=1").statusCode()).isEqualTo(204);
    HttpResponse<String> order = post("/orders/rita");
    work();
    assertThat(order.statusCode()).isEqualTo(200);
    assertThat(order.body()).contains("\"id\":1").contains("\"totalCents\":1250");
  }

  @Nested
  class Timeline {
    @Test
    void theOrdersEventsOverHttp() throws Exception {
      stockTheShelves();
      post("/carts/sam?sku=PEN-1&quantity=1");
      post("/orders/sam");
      work();
      assertThat(get("/orders/1/events").body()).isEqualTo("[\"PLACED\",\"PAID\"]");
    }
  }
}

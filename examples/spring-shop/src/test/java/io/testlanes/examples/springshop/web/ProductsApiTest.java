package io.testlanes.examples.springshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.WebShopTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ProductsApiTest extends WebShopTest {
  @Test
  void listsTheProductsAsJson() throws Exception {
    stockTheShelves();
    HttpResponse<String> r = get("/products");
    work();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"sku\":\"MUG-1\"").contains("\"sku\":\"TEA-1\"");
    assertThat(catalog.all()).hasSize(3);
  }
}

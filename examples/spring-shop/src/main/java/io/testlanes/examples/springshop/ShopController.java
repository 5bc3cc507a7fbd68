package io.testlanes.examples.springshop;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The shop's HTTP API. */
@RestController
public class ShopController {
  private final Catalog catalog;
  private final Carts carts;
  private final Orders orders;
  private final Timeline timeline;

  public ShopController(Catalog catalog, Carts carts, Orders orders, Timeline timeline) {
    this.catalog = catalog;
    this.carts = carts;
    this.orders = orders;
    this.timeline = timeline;
  }

  @GetMapping("/products")
  public List<Product> products() {
    return catalog.all();
  }

  @PostMapping("/carts/{customer}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void addToCart(
      @PathVariable String customer, @RequestParam String sku, @RequestParam int quantity) {
    carts.add(customer, sku, quantity);
  }

  @GetMapping("/carts/{customer}")
  public Map<String, Integer> cart(@PathVariable String customer) {
    return carts.contents(customer);
  }

  @PostMapping("/orders/{customer}")
  public Orders.Order checkout(@PathVariable String customer) {
    return orders.checkout(customer);
  }

  @GetMapping("/orders/{id}/events")
  public List<String> events(@PathVariable long id) {
    return timeline.events(id);
  }
}

package io.testlanes.examples.springshop;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Placing, paying, cancelling orders: Postgres rows, a Cassandra timeline, Redis carts. */
@Service
public class Orders {
  /** An order as stored. */
  public record Order(long id, String customer, String status, long totalCents) {}

  private final JdbcTemplate jdbc;
  private final Catalog catalog;
  private final Carts carts;
  private final Timeline timeline;
  private final PaymentGateway payments;

  public Orders(
      JdbcTemplate jdbc, Catalog catalog, Carts carts, Timeline timeline, PaymentGateway payments) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.carts = carts;
    this.timeline = timeline;
    this.payments = payments;
  }

  /**
   * Checks out the customer's cart: takes stock, charges, records the order. Returns the order.
   *
   * @throws IllegalStateException if the cart is empty, stock is short, or the payment is declined
   */
  @Transactional
  public Order checkout(String customer) {
    Map<String, Integer> cart = carts.contents(customer);
    if (cart.isEmpty()) {
      throw new IllegalStateException("the cart of " + customer + " is empty");
    }
    long total = 0;
    for (Map.Entry<String, Integer> line : cart.entrySet()) {
      Product p =
          catalog
              .find(line.getKey())
              .orElseThrow(() -> new IllegalStateException("no product " + line.getKey()));
      if (!catalog.take(p.sku(), line.getValue())) {
        throw new IllegalStateException("out of stock: " + p.sku());
      }
      total += p.priceCents() * line.getValue();
    }
    if (!payments.charge(customer, total)) {
      throw new IllegalStateException("payment declined for " + customer);
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    long amount = total;
    jdbc.update(
        c -> {
          var ps =
              c.prepareStatement(
                  "INSERT INTO orders (customer, status, total_cents) VALUES (?, 'PAID', ?)",
                  new String[] {"id"});
          ps.setString(1, customer);
          ps.setLong(2, amount);
          return ps;
        },
        key);
    long id = java.util.Objects.requireNonNull(key.getKey()).longValue();
    cart.forEach(
        (sku, q) ->
            jdbc.update(
                "INSERT INTO order_lines (order_id, sku, quantity) VALUES (?, ?, ?)", id, sku, q));
    carts.clear(customer);
    timeline.record(id, "PLACED");
    timeline.record(id, "PAID");
    return new Order(id, customer, "PAID", total);
  }

  @Transactional
  public void cancel(long id) {
    int n =
        jdbc.update("UPDATE orders SET status = 'CANCELLED' WHERE id = ? AND status = 'PAID'", id);
    if (n != 1) {
      throw new IllegalStateException("order " + id + " cannot be cancelled");
    }
    jdbc.query(
        "SELECT sku, quantity FROM order_lines WHERE order_id = ?",
        rs -> {
          catalog.restock(rs.getString(1), rs.getInt(2));
        },
        id);
    timeline.record(id, "CANCELLED");
  }

  public List<Order> of(String customer) {
    return jdbc.query(
        "SELECT id, customer, status, total_cents FROM orders WHERE customer = ? ORDER BY id",
        (rs, i) -> new Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
        customer);
  }

  public List<Order> all() {
    return jdbc.query(
        "SELECT id, customer, status, total_cents FROM orders ORDER BY id",
        (rs, i) -> new Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
  }

  /** Revenue of paid orders. */
  public long revenueCents() {
    Long n =
        jdbc.queryForObject(
            "SELECT coalesce(sum(total_cents), 0) FROM orders WHERE status = 'PAID'", Long.class);
    return n == null ? 0 : n;
  }
}

package io.testlanes.examples.shop.order;

import io.testlanes.examples.shop.jdbc.Jdbc;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** What sold and who bought it: aggregates over orders, lines, products and customers. */
public final class SalesReport {
  private final Jdbc jdbc;

  public SalesReport(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Units and revenue per product over orders that were not cancelled, best seller first. */
  public List<ProductSales> revenueByProduct() {
    return jdbc.query(
        "SELECT p.sku, p.name, sum(l.quantity) AS units,"
            + " sum(l.quantity::bigint * l.unit_price_cents) AS revenue"
            + " FROM order_lines l"
            + " JOIN orders o ON o.id = l.order_id"
            + " JOIN products p ON p.id = l.product_id"
            + " WHERE o.status <> 'CANCELLED'"
            + " GROUP BY p.sku, p.name"
            + " ORDER BY revenue DESC, p.sku",
        rs -> new ProductSales(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
  }

  /** The customers who spent most, over orders that were not cancelled. */
  public List<CustomerSpend> topCustomers(int limit) {
    return jdbc.query(
        "SELECT c.id, c.name, count(o.id), coalesce(sum(o.total_cents), 0) AS spent"
            + " FROM customers c JOIN orders o ON o.customer_id = c.id"
            + " WHERE o.status <> 'CANCELLED'"
            + " GROUP BY c.id, c.name"
            + " HAVING count(o.id) > 0"
            + " ORDER BY spent DESC, c.id"
            + " LIMIT ?",
        rs -> new CustomerSpend(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
        limit);
  }

  /** How many orders are in each status; statuses without orders are 0. */
  public Map<OrderStatus, Long> ordersByStatus() {
    Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
    for (OrderStatus s : OrderStatus.values()) {
      counts.put(s, 0L);
    }
    jdbc.query(
        "SELECT status, count(*) FROM orders GROUP BY status",
        rs -> {
          counts.put(OrderStatus.valueOf(rs.getString(1)), rs.getLong(2));
          return Boolean.TRUE;
        });
    return counts;
  }

  /** Revenue of orders that were not cancelled. */
  public long totalRevenueCents() {
    return jdbc.queryOne(
            "SELECT coalesce(sum(total_cents), 0) FROM orders WHERE status <> 'CANCELLED'",
            rs -> rs.getLong(1))
        .orElseThrow();
  }
}

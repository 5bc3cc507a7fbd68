package io.testlanes.examples.shop.order;

import io.testlanes.examples.shop.catalog.UnknownProductException;
import io.testlanes.examples.shop.jdbc.DataAccessException;
import io.testlanes.examples.shop.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Places orders and moves them through their life. Placing an order takes the stock in the same
 * transaction, with the stock rows locked in SKU order so that concurrent orders neither oversell
 * nor deadlock; cancelling gives the stock back.
 */
public final class OrderService {
  private final Jdbc jdbc;
  private final Clock clock;

  public OrderService(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  /** Places an order for {@code lines}; the same SKU on several lines is ordered once, summed. */
  public Order place(long customerId, List<LineRequest> lines, @Nullable String couponCode) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an order needs at least one line, got none");
    }
    Map<String, Integer> wanted = new TreeMap<>();
    for (LineRequest l : lines) {
      wanted.merge(l.sku(), l.quantity(), Integer::sum);
    }
    try {
      return jdbc.inTransaction(
          "place an order for customer " + customerId,
          c -> place(c, customerId, wanted, couponCode));
    } catch (DataAccessException e) {
      if (Jdbc.violates(e, "orders_customer_id_fkey")) {
        throw new UnknownCustomerException(customerId, e);
      }
      if (couponCode != null && Jdbc.violates(e, "coupon_redemptions_once_per_customer")) {
        throw new CouponRejectedException(couponCode, "was already used by this customer");
      }
      throw e;
    }
  }

  private Order place(
      Connection c, long customerId, Map<String, Integer> wanted, @Nullable String couponCode)
      throws SQLException {
    record Row(long productId, String sku, int price, boolean active, int onHand) {}
    Map<String, Row> found = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT p.id, p.sku, p.price_cents, p.active, s.on_hand"
                + " FROM products p JOIN stock s ON s.product_id = p.id"
                + " WHERE p.sku = ANY (?) ORDER BY p.sku FOR UPDATE OF s")) {
      s.setArray(1, c.createArrayOf("text", wanted.keySet().toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Row r =
              new Row(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getInt(5));
          found.put(r.sku(), r);
        }
      }
    }
    long subtotal = 0;
    for (Map.Entry<String, Integer> w : wanted.entrySet()) {
      Row r = found.get(w.getKey());
      if (r == null) {
        throw new UnknownProductException(w.getKey(), "does not exist");
      }
      if (!r.active()) {
        throw new UnknownProductException(w.getKey(), "is no longer sold");
      }
      if (r.onHand() < w.getValue()) {
        throw new OutOfStockException(w.getKey(), w.getValue(), r.onHand());
      }
      subtotal += (long) r.price() * w.getValue();
    }

    long total = subtotal;
    if (couponCode != null) {
      total = subtotal - subtotal * percentOff(c, couponCode) / 100;
    }

    long orderId;
    Instant placedAt;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO orders (customer_id, total_cents, coupon_code) VALUES (?, ?, ?)"
                + " RETURNING id, placed_at")) {
      Jdbc.bind(s, customerId, total, couponCode);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        orderId = rs.getLong(1);
        placedAt = rs.getObject(2, OffsetDateTime.class).toInstant();
      }
    }

    List<OrderLine> orderLines = new ArrayList<>();
    try (PreparedStatement line =
            c.prepareStatement(
                "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_cents)"
                    + " VALUES (?, ?, ?, ?, ?)");
        PreparedStatement take =
            c.prepareStatement(
                "UPDATE stock SET on_hand = on_hand - ?, updated_at = now() WHERE product_id = ?")) {
      int no = 0;
      for (Map.Entry<String, Integer> w : wanted.entrySet()) {
        Row r = found.get(w.getKey());
        if (r == null) {
          throw new IllegalStateException("checked above: " + w.getKey());
        }
        no++;
        Jdbc.bind(line, orderId, no, r.productId(), w.getValue(), r.price());
        line.addBatch();
        Jdbc.bind(take, w.getValue(), r.productId());
        take.addBatch();
        orderLines.add(new OrderLine(no, r.sku(), w.getValue(), r.price()));
      }
      line.executeBatch();
      take.executeBatch();
    }

    if (couponCode != null) {
      Jdbc.update(
          c,
          "INSERT INTO coupon_redemptions (coupon_code, customer_id, order_id) VALUES (?, ?, ?)",
          couponCode,
          customerId,
          orderId);
    }
    return new Order(
        orderId, customerId, OrderStatus.PLACED, total, couponCode, placedAt, orderLines);
  }

  /** Locks the coupon, checks that it may still be used, and returns its discount. */
  private int percentOff(Connection c, String code) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT percent_off, max_redemptions, expires_at,"
                + " (SELECT count(*) FROM coupon_redemptions r WHERE r.coupon_code = k.code)"
                + " FROM coupons k WHERE code = ? FOR UPDATE")) {
      s.setString(1, code);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new CouponRejectedException(code, "does not exist");
        }
        OffsetDateTime expires = rs.getObject(3, OffsetDateTime.class);
        if (expires != null && !expires.toInstant().isAfter(clock.instant())) {
          throw new CouponRejectedException(code, "expired at " + expires.toInstant());
        }
        if (rs.getLong(4) >= rs.getInt(2)) {
          throw new CouponRejectedException(code, "was used up (" + rs.getInt(2) + " times)");
        }
        return rs.getInt(1);
      }
    }
  }

  /** Creates a coupon. */
  public Coupon createCoupon(Coupon coupon) {
    if (coupon.percentOff() < 1 || coupon.percentOff() > 100) {
      throw new IllegalArgumentException(
          "a coupon takes 1-100 percent off, got " + coupon.percentOff());
    }
    jdbc.update(
        "INSERT INTO coupons (code, percent_off, max_redemptions, expires_at) VALUES (?, ?, ?, ?)",
        coupon.code(),
        coupon.percentOff(),
        coupon.maxRedemptions(),
        coupon.expiresAt() == null ? null : Timestamp.from(coupon.expiresAt()));
    return coupon;
  }

  /** How many orders used a coupon (cancelled orders give their redemption back). */
  public long redemptions(String code) {
    return jdbc.queryOne(
            "SELECT count(*) FROM coupon_redemptions WHERE coupon_code = ?",
            rs -> rs.getLong(1),
            code)
        .orElseThrow();
  }

  /** PLACED to PAID. */
  public void markPaid(long orderId) {
    transition(orderId, OrderStatus.PLACED, OrderStatus.PAID, "paid");
  }

  /** PAID to SHIPPED. */
  public void markShipped(long orderId) {
    transition(orderId, OrderStatus.PAID, OrderStatus.SHIPPED, "shipped");
  }

  private void transition(long orderId, OrderStatus from, OrderStatus to, String action) {
    int changed =
        jdbc.update(
            "UPDATE orders SET status = ? WHERE id = ? AND status = ?",
            to.name(),
            orderId,
            from.name());
    if (changed == 0) {
      throw new OrderStateException(orderId, status(orderId), action);
    }
  }

  /**
   * Cancels an order that was not shipped and puts its units back in stock. Returns false if it was
   * already cancelled.
   */
  public boolean cancel(long orderId) {
    return jdbc.inTransaction(
        "cancel order " + orderId,
        c -> {
          List<String> status =
              Jdbc.query(
                  c,
                  "SELECT status FROM orders WHERE id = ? FOR UPDATE",
                  rs -> rs.getString(1),
                  orderId);
          if (status.isEmpty()) {
            throw new UnknownOrderException(orderId);
          }
          OrderStatus s = OrderStatus.valueOf(status.get(0));
          if (s == OrderStatus.CANCELLED) {
            return false;
          }
          if (s == OrderStatus.SHIPPED) {
            throw new OrderStateException(orderId, s, "cancelled");
          }
          Jdbc.update(
              c,
              "UPDATE stock s SET on_hand = s.on_hand + l.quantity, updated_at = now()"
                  + " FROM order_lines l WHERE l.order_id = ? AND s.product_id = l.product_id",
              orderId);
          Jdbc.update(c, "DELETE FROM coupon_redemptions WHERE order_id = ?", orderId);
          Jdbc.update(c, "UPDATE orders SET status = 'CANCELLED' WHERE id = ?", orderId);
          return true;
        });
  }

  public OrderStatus status(long orderId) {
    return jdbc.queryOne(
            "SELECT status FROM orders WHERE id = ?",
            rs -> OrderStatus.valueOf(rs.getString(1)),
            orderId)
        .orElseThrow(() -> new UnknownOrderException(orderId));
  }

  /** An order with its lines. */
  public Optional<Order> find(long orderId) {
    List<Order> found = load("o.id = ?", orderId);
    return found.stream().findFirst();
  }

  /** A customer's orders, newest first. */
  public List<Order> ordersOf(long customerId) {
    return load("o.customer_id = ?", customerId);
  }

  private List<Order> load(String where, long key) {
    return jdbc.withConnection(
        "load orders",
        c -> {
          Map<Long, Order> orders = new LinkedHashMap<>();
          Map<Long, List<OrderLine>> lines = new LinkedHashMap<>();
          for (Order o :
              Jdbc.query(
                  c,
                  "SELECT o.id, o.customer_id, o.status, o.total_cents, o.coupon_code, o.placed_at"
                      + " FROM orders o WHERE "
                      + where
                      + " ORDER BY o.placed_at DESC, o.id DESC",
                  OrderService::mapOrder,
                  key)) {
            orders.put(o.id(), o);
            lines.put(o.id(), new ArrayList<>());
          }
          if (orders.isEmpty()) {
            return List.of();
          }
          Jdbc.query(
              c,
              "SELECT l.order_id, l.line_no, p.sku, l.quantity, l.unit_price_cents"
                  + " FROM order_lines l JOIN orders o ON o.id = l.order_id"
                  + " JOIN products p ON p.id = l.product_id WHERE "
                  + where
                  + " ORDER BY l.order_id, l.line_no",
              rs -> {
                List<OrderLine> ls = lines.get(rs.getLong(1));
                if (ls != null) {
                  ls.add(new OrderLine(rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
                }
                return Boolean.TRUE;
              },
              key);
          List<Order> result = new ArrayList<>();
          for (Order o : orders.values()) {
            result.add(
                new Order(
                    o.id(),
                    o.customerId(),
                    o.status(),
                    o.totalCents(),
                    o.couponCode(),
                    o.placedAt(),
                    lines.getOrDefault(o.id(), List.of())));
          }
          return result;
        });
  }

  private static Order mapOrder(ResultSet rs) throws SQLException {
    return new Order(
        rs.getLong(1),
        rs.getLong(2),
        OrderStatus.valueOf(rs.getString(3)),
        rs.getLong(4),
        rs.getString(5),
        rs.getObject(6, OffsetDateTime.class).toInstant(),
        List.of());
  }
}

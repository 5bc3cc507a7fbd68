package io.testlanes.examples.shop.order;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An order and its lines. {@code totalCents} is after the coupon's discount. */
public record Order(
    long id,
    long customerId,
    OrderStatus status,
    long totalCents,
    @Nullable String couponCode,
    Instant placedAt,
    List<OrderLine> lines) {

  public Order {
    lines = List.copyOf(lines);
  }

  /** Units over all lines. */
  public int itemCount() {
    return lines.stream().mapToInt(OrderLine::quantity).sum();
  }
}

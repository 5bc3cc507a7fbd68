package io.testlanes.examples.shop;

import io.testlanes.examples.shop.order.OrderStatus;

/** The outcome of a checkout: the order, what it cost and where it stands. */
public record Receipt(
    long orderId, long totalCents, int items, OrderStatus status, String payment) {
  public boolean paid() {
    return status == OrderStatus.PAID;
  }
}

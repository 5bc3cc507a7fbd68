package io.testlanes.examples.shop.order;

/** An order is not in a state that allows what was asked (e.g. shipping an unpaid order). */
public final class OrderStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long orderId;
  private final OrderStatus status;

  public OrderStateException(long orderId, OrderStatus status, String action) {
    super("order " + orderId + " is " + status + " and cannot be " + action);
    this.orderId = orderId;
    this.status = status;
  }

  public long orderId() {
    return orderId;
  }

  public OrderStatus status() {
    return status;
  }
}

package io.testlanes.examples.shop.order;

/** There is no order with this id. */
public final class UnknownOrderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownOrderException(long orderId) {
    super("there is no order " + orderId);
  }
}

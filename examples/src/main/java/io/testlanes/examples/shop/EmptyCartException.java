package io.testlanes.examples.shop;

/** A checkout of an empty cart. */
public final class EmptyCartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmptyCartException(long customerId) {
    super("customer " + customerId + " has nothing in the cart to check out");
  }
}

package io.testlanes.examples.shop;

/** The same checkout (same idempotency key) is running right now, e.g. a double click. */
public final class CheckoutInProgressException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckoutInProgressException(String key) {
    super("checkout " + key + " is in progress; wait for it to finish");
  }
}

package io.testlanes.examples.shop.order;

/** There is no customer with this id. */
public final class UnknownCustomerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownCustomerException(long customerId, Throwable cause) {
    super("there is no customer " + customerId, cause);
  }
}

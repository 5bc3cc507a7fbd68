package io.testlanes.examples.shop.customer;

/** A customer with this e-mail address is already registered. */
public final class DuplicateEmailException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String email;

  public DuplicateEmailException(String email, Throwable cause) {
    super("a customer with e-mail " + email + " is already registered", cause);
    this.email = email;
  }

  public String email() {
    return email;
  }
}

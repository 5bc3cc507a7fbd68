package io.testlanes.examples.shop.shipping;

/** The shop does not ship to this country. */
public final class UnknownCountryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public UnknownCountryException(String code) {
    super("the shop does not ship to country '" + code + "'");
    this.code = code;
  }

  public String code() {
    return code;
  }
}

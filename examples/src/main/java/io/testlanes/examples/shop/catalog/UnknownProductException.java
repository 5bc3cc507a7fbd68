package io.testlanes.examples.shop.catalog;

/** No product with this SKU is sold (it does not exist or was withdrawn). */
public final class UnknownProductException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sku;

  public UnknownProductException(String sku, String why) {
    super("product " + sku + " " + why);
    this.sku = sku;
  }

  public String sku() {
    return sku;
  }
}

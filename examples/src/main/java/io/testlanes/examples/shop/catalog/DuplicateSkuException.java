package io.testlanes.examples.shop.catalog;

/** A product with this SKU already exists. */
public final class DuplicateSkuException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateSkuException(String sku, Throwable cause) {
    super("a product with SKU " + sku + " already exists", cause);
  }
}

package io.testlanes.examples.shop.order;

/** A SKU and how many of it a customer wants. */
public record LineRequest(String sku, int quantity) {
  public LineRequest {
    if (quantity <= 0) {
      throw new IllegalArgumentException("a line orders > 0 units, got " + quantity + " of " + sku);
    }
  }
}

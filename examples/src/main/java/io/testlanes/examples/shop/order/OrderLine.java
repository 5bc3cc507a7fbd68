package io.testlanes.examples.shop.order;

/** One line of an order, at the price of the moment it was placed. */
public record OrderLine(int lineNo, String sku, int quantity, int unitPriceCents) {
  public long totalCents() {
    return (long) quantity * unitPriceCents;
  }
}

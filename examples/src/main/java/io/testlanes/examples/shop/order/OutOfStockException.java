package io.testlanes.examples.shop.order;

/** Fewer units of a product are on hand than an order asks for; nothing was ordered. */
public final class OutOfStockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sku;
  private final int requested;
  private final int available;

  public OutOfStockException(String sku, int requested, int available) {
    super("only " + available + " of " + sku + " on hand, " + requested + " ordered");
    this.sku = sku;
    this.requested = requested;
    this.available = available;
  }

  public String sku() {
    return sku;
  }

  public int requested() {
    return requested;
  }

  public int available() {
    return available;
  }
}

package io.testlanes.examples.shop.timeline;

/** A customer's running totals. */
public record CustomerStats(long orders, long items, long centsSpent, long cancellations) {
  public static final CustomerStats NONE = new CustomerStats(0, 0, 0, 0);
}

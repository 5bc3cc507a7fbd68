package io.testlanes.examples.shop.order;

/** Where an order is in its life: PLACED, then PAID, then SHIPPED; or CANCELLED before shipping. */
public enum OrderStatus {
  PLACED,
  PAID,
  SHIPPED,
  CANCELLED
}

package io.testlanes.examples.shop.timeline;

/** What happened to an order. */
public enum EventType {
  PLACED,
  PAYMENT_REQUESTED,
  PAID,
  PAYMENT_DECLINED,
  SHIPPED,
  CANCELLED,
  NOTE
}

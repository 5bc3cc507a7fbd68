package io.testlanes.examples.shop.order;

/** Orders and money spent by one customer, over orders that were not cancelled. */
public record CustomerSpend(long customerId, String name, long orders, long spentCents) {}

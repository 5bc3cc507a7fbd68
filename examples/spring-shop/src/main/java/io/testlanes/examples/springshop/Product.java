package io.testlanes.examples.springshop;

/** A product: price in the smallest unit of its currency. */
public record Product(String sku, String name, long priceCents, String currency, int stock) {}

package io.testlanes.examples.shop.catalog;

/** A product of the catalog; prices in cents. */
public record Product(long id, String sku, String name, int priceCents, boolean active) {}

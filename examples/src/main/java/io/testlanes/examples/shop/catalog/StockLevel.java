package io.testlanes.examples.shop.catalog;

/** How many of a product are on hand. */
public record StockLevel(String sku, String name, int onHand) {}

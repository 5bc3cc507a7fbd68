package io.testlanes.examples.shop.order;

/** Units sold and revenue of one product, over orders that were not cancelled. */
public record ProductSales(String sku, String name, long units, long revenueCents) {}

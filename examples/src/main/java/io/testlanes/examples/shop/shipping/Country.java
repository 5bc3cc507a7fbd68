package io.testlanes.examples.shop.shipping;

/** A country the shop ships to, and its shipping zone. */
public record Country(String code, String name, String zone) {}

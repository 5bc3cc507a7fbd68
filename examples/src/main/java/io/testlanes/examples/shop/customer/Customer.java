package io.testlanes.examples.shop.customer;

import java.time.Instant;

/** A registered customer. */
public record Customer(long id, String email, String name, Instant createdAt) {}

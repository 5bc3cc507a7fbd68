package io.testlanes.examples.shop.session;

import java.time.Instant;

/** A signed-in customer's session. */
public record Session(String token, long customerId, Instant createdAt) {}

package io.testlanes.examples.shop.timeline;

import java.time.Instant;

/** One entry of a customer's activity feed. */
public record Activity(long customerId, Instant at, String kind, String reference) {}

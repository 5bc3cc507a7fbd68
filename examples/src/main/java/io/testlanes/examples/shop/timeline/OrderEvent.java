package io.testlanes.examples.shop.timeline;

import java.time.Instant;
import java.util.UUID;

/** One entry of an order's timeline; {@code eventId} is a time-based UUID. */
public record OrderEvent(long orderId, UUID eventId, Instant at, EventType type, String detail) {}

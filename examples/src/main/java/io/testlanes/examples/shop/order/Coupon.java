package io.testlanes.examples.shop.order;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A discount code: percent off the order, usable once per customer, a limited number of times. */
public record Coupon(
    String code, int percentOff, int maxRedemptions, @Nullable Instant expiresAt) {}

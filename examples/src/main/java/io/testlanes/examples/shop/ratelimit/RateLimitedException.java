package io.testlanes.examples.shop.ratelimit;

import java.time.Duration;

/** Too many attempts of an action in its window. */
public final class RateLimitedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(String action, String subject, Duration retryAfter) {
    super("too many " + action + " attempts by " + subject + ", retry in " + retryAfter);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}

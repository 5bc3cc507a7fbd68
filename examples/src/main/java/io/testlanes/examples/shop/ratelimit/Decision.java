package io.testlanes.examples.shop.ratelimit;

import java.time.Duration;

/** Whether an action may go ahead, how many more the window allows, and when it starts anew. */
public record Decision(boolean allowed, long remaining, Duration retryAfter) {}

/** Fixed-window rate limits in Redis (INCR and EXPIRE). */
@NullMarked
package io.testlanes.examples.shop.ratelimit;

import org.jspecify.annotations.NullMarked;

/** Sign-in sessions in Redis, with a sliding expiry. */
@NullMarked
package io.testlanes.examples.shop.session;

import org.jspecify.annotations.NullMarked;

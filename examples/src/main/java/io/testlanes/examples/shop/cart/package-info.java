/** Shopping carts in Redis hashes. */
@NullMarked
package io.testlanes.examples.shop.cart;

import org.jspecify.annotations.NullMarked;

/** Tests of the shop: carts. */
@NullMarked
package io.testlanes.examples.springshop.carts;

import org.jspecify.annotations.NullMarked;

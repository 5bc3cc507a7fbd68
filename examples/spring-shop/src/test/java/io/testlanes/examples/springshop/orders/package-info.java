/** Tests of the shop: orders. */
@NullMarked
package io.testlanes.examples.springshop.orders;

import org.jspecify.annotations.NullMarked;

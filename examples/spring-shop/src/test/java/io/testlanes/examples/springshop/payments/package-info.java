/** Tests of the shop: payments. */
@NullMarked
package io.testlanes.examples.springshop.payments;

import org.jspecify.annotations.NullMarked;

/** Tests of the shop: reference. */
@NullMarked
package io.testlanes.examples.springshop.reference;

import org.jspecify.annotations.NullMarked;

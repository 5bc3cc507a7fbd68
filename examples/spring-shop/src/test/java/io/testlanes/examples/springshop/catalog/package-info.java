/** Tests of the shop: catalog. */
@NullMarked
package io.testlanes.examples.springshop.catalog;

import org.jspecify.annotations.NullMarked;

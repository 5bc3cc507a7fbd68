/** Tests of the shop: timeline. */
@NullMarked
package io.testlanes.examples.springshop.timeline;

import org.jspecify.annotations.NullMarked;

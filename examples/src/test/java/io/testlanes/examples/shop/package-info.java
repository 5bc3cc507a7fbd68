/** The shop's test suite: written the way people write tests, run in lanes by testlanes. */
@NullMarked
package io.testlanes.examples.shop;

import org.jspecify.annotations.NullMarked;

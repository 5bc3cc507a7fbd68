/** The shop's test suite. */
@NullMarked
package io.testlanes.examples.springshop;

import org.jspecify.annotations.NullMarked;

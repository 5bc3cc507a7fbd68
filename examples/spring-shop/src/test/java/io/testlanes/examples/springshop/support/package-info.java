/** The shop tests' base classes. */
@NullMarked
package io.testlanes.examples.springshop.support;

import org.jspecify.annotations.NullMarked;

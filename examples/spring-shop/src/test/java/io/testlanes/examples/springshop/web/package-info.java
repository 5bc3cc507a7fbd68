/** Tests of the shop: web. */
@NullMarked
package io.testlanes.examples.springshop.web;

import org.jspecify.annotations.NullMarked;

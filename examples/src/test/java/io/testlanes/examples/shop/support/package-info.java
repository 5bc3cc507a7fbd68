/** What the shop's tests share: SQL assertions, fake payment providers, a catalog. */
@NullMarked
package io.testlanes.examples.shop.support;

import org.jspecify.annotations.NullMarked;

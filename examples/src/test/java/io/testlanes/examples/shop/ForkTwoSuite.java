package io.testlanes.examples.shop;

import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The other half of the suite for the {@code forks} profile; see {@link ForkOneSuite}. */
@Suite
@SelectPackages({
  "io.testlanes.examples.shop.checkout",
  "io.testlanes.examples.shop.catalog",
  "io.testlanes.examples.shop.timeline",
  "io.testlanes.examples.shop.customer",
  "io.testlanes.examples.shop.shipping"
})
class ForkTwoSuite {}

package io.testlanes.examples.springshop;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The first fork's half of the suite (profile "forks"). */
@Suite
@SelectPackages({
  "io.testlanes.examples.springshop.catalog",
  "io.testlanes.examples.springshop.orders",
  "io.testlanes.examples.springshop.payments"
})
@IncludeClassNamePatterns(".*Test")
class ForkOneSuite {}

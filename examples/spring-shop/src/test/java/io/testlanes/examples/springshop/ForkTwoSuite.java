package io.testlanes.examples.springshop;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The second fork's half of the suite (profile "forks"). */
@Suite
@SelectPackages({
  "io.testlanes.examples.springshop.carts",
  "io.testlanes.examples.springshop.reference",
  "io.testlanes.examples.springshop.timeline",
  "io.testlanes.examples.springshop.web"
})
@IncludeClassNamePatterns(".*Test")
class ForkTwoSuite {}

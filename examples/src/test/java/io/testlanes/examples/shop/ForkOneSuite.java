package io.testlanes.examples.shop;

import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Half of the suite for the {@code forks} profile. Surefire hands each fork one test class at a
 * time, so a fork would run one class at a time; a suite is one class to Surefire, and inside it
 * JUnit runs its classes in parallel ({@code testlanes.workers} of them).
 */
@Suite
@SelectPackages({
  "io.testlanes.examples.shop.order",
  "io.testlanes.examples.shop.session",
  "io.testlanes.examples.shop.cart",
  "io.testlanes.examples.shop.ratelimit"
})
class ForkOneSuite {}

package io.testlanes.junit.internal;

import io.testlanes.config.Reset;
import io.testlanes.run.LaneLease;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A lane held by one test class or one test method, kept in that context's store: closing the
 * context releases it. Knows whether a test already used the lane (so the next one needs a reset)
 * and whether the current test's reset step was done, so that the extension and an integration (the
 * Spring module's test execution listener) may both ask for it and it happens once.
 *
 * <p>Also a {@code CloseableResource}: JUnit before 5.13 closes only those (Spring Boot 3.5 manages
 * JUnit 5.12).
 */
@SuppressWarnings("deprecation") // CloseableResource: the only closing contract of JUnit 5.12
final class LaneHolder implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  private final LaneLease lease;
  private boolean used;
  private boolean testPrepared;
  private volatile boolean pinned;

  LaneHolder(LaneLease lease) {
    this.lease = lease;
  }

  LaneLease lease() {
    return lease;
  }

  /**
   * The reset step before a test: resets the lane when the mode is {@link Reset#TEST} and an
   * earlier test used it, else checks that the services the holder uses and the run's host are
   * alive (a service that died fails the test with the message of its death, not with driver
   * errors). Done once per test: later calls before {@link #afterTest()} do nothing.
   */
  synchronized void beforeTest(Reset mode) {
    if (testPrepared) {
      return;
    }
    testPrepared = true;
    if (used && mode == Reset.TEST) {
      lease.reset();
    } else {
      lease.requireAlive();
    }
    used = true;
  }

  /** The current test ended: the next {@link #beforeTest} is the next test's. */
  synchronized void afterTest() {
    testPrepared = false;
  }

  /**
   * Marks the lane as the class's for good: an integration built something for it (a Spring
   * application context), so the class's methods must use it rather than lanes of their own.
   */
  void pin() {
    pinned = true;
  }

  boolean pinned() {
    return pinned;
  }

  @Override
  public void close() {
    lease.close();
  }
}

package io.testlanes.junit.internal;

import io.testlanes.run.LaneLease;

/**
 * A lane held by one test class or one test method, kept in that context's store: closing the
 * context releases it. Remembers whether a test already used the lane, so the next one needs a
 * reset.
 */
final class LaneHolder implements AutoCloseable {
  private final LaneLease lease;
  private boolean used;

  LaneHolder(LaneLease lease) {
    this.lease = lease;
  }

  LaneLease lease() {
    return lease;
  }

  /** Marks the lane used; returns whether it was used before. */
  synchronized boolean markUsed() {
    boolean before = used;
    used = true;
    return before;
  }

  @Override
  public void close() {
    lease.close();
  }
}

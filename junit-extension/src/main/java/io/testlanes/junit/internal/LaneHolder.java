package io.testlanes.junit.internal;

import io.testlanes.Lane;
import io.testlanes.internal.run.LaneLeases;
import java.util.concurrent.Semaphore;

/**
 * A lane held by one test class or one test method: the cross-JVM lease, this JVM's worker permit
 * and whether a test already used the lane (so the next one needs a reset). Closing gives both
 * back.
 */
public final class LaneHolder implements AutoCloseable {
  private final LaneLeases.LaneLease lease;
  private final Semaphore permits;
  private final Lane lane;
  private boolean used;
  private boolean closed;

  LaneHolder(LaneLeases.LaneLease lease, Semaphore permits, Lane lane) {
    this.lease = lease;
    this.permits = permits;
    this.lane = lane;
  }

  public Lane lane() {
    return lane;
  }

  /** The leased lane number (in shared isolation, the lane's own number is 0). */
  public int leaseNumber() {
    return lease.number();
  }

  /** Marks the lane used; returns whether it was used before. */
  synchronized boolean markUsed() {
    boolean before = used;
    used = true;
    return before;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lease.close();
    } finally {
      permits.release();
    }
  }
}

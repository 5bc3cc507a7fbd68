package io.testlanes.run;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import io.testlanes.internal.lane.LaneData;
import io.testlanes.internal.run.LaneLocks.LaneLock;
import java.time.Duration;
import java.util.Set;

/**
 * A lane held by one holder (a test class or method) from {@link TestRun#lease} until {@link
 * #close()}: this JVM's worker permit plus the lane's run-wide lock. No other worker of the run, in
 * any JVM, uses the lane meanwhile.
 */
public final class LaneLease implements AutoCloseable {
  private final TestRun run;
  private final LaneLock lock;
  private final Lane lane;
  private final String holder;
  private final LaneData data;
  private final Set<Service> services;
  private final Duration prepareTime;
  private boolean closed;

  LaneLease(
      TestRun run,
      LaneLock lock,
      Lane lane,
      String holder,
      LaneData data,
      Set<Service> services,
      Duration prepareTime) {
    this.run = run;
    this.lock = lock;
    this.lane = lane;
    this.holder = holder;
    this.data = data;
    this.services = Set.copyOf(services);
    this.prepareTime = prepareTime;
  }

  /** The lane's facts: database, keyspace, Redis database, endpoints and credentials. */
  public Lane lane() {
    return lane;
  }

  /** Who holds it. */
  public String holder() {
    return holder;
  }

  /** How long preparing the lane took when it was leased (zero when it was kept as it was). */
  public Duration prepareTime() {
    return prepareTime;
  }

  /** The services its holder uses ({@link LeaseRequest#services()}; all the run's by default). */
  public Set<Service> services() {
    return services;
  }

  /**
   * Fails at once if the run's service host is gone or was stopped by {@code down}, or one of the
   * {@link #services()} died; does nothing otherwise. Cheap (a read of the host's {@code /proc}
   * entry and a {@code stat}): for before each test that does not reset the lane.
   *
   * @throws IllegalStateException saying what ended: which service died, how, and the tail of its
   *     log; that {@code down} stopped the services; or that the host is gone, with its log's tail
   */
  public void requireAlive() {
    run.requireAlive(this);
  }

  /** The holder's own data scripts, run at lease and after each reset. */
  LaneData data() {
    return data;
  }

  /** The number of the lane's run-wide lock (in shared isolation, the lane's own number is 0). */
  int lockNumber() {
    return lock.number();
  }

  /**
   * Returns the lane to the template's state on every store: the schema and the rows the template's
   * scripts and migrations inserted, nothing a test wrote; then runs the holder's data scripts
   * ({@link LeaseRequest#data()}) again. Returns how long it took. Checks first, as {@link
   * #requireAlive()} does; the store of a service that died and that this lease does not use is
   * left out.
   *
   * @throws IllegalStateException if the lease was closed, or as {@link #requireAlive()}
   */
  public synchronized Duration reset() {
    if (closed) {
      throw new IllegalStateException(
          lane.name() + " was released by " + holder + "; lease it again");
    }
    return run.reset(this);
  }

  /**
   * Removes the lane from every store and releases it: the next holder gets it made afresh from the
   * template. For a lane whose schema a test changed ({@code ALTER TABLE}), which a reset does not
   * undo.
   */
  public synchronized void discard() {
    if (closed) {
      throw new IllegalStateException(
          lane.name() + " was released by " + holder + "; lease it again");
    }
    try {
      run.discard(this);
    } finally {
      close();
    }
  }

  /** Releases the lane for the next holder. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lock.close();
    } finally {
      run.released(this);
    }
  }

  @Override
  public String toString() {
    return lane.name() + " held by " + holder;
  }
}

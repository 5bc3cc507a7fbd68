package io.testlanes.internal.lane;

import io.testlanes.config.Service;

/**
 * How one store keeps lanes apart: one small strategy per store (Postgres database per lane cloned
 * from a template, Cassandra keyspace per lane, Redis logical database per lane).
 *
 * <p>Lane {@code k >= 1} is named {@code lane_k}; lane {@link LaneNames#SHARED} is the one lane of
 * shared isolation. Implementations are safe to call from several threads at once for different
 * lanes. Two callers must not work on the same lane at the same time (lane leases ensure that);
 * {@link #initialise()} is the exception: several JVMs may call it at once.
 */
public interface StoreIsolation extends AutoCloseable {

  Service service();

  /**
   * Once per run, before the first {@link #prepare}: builds what lanes are made from (the Postgres
   * template) and checks the server can hold the run's lanes. Idempotent, and safe when several
   * JVMs call it at once.
   *
   * @throws SchemaException if a schema script fails; nothing half-built is left behind
   */
  StoreTiming initialise();

  /**
   * Makes lane {@code lane} ready, in the state its schema scripts leave (as {@link #reset}):
   * reuses what an earlier run left with the same schema (after resetting it), and rebuilds what
   * has another schema.
   *
   * @throws SchemaException if a schema script fails; the half-made lane is removed
   */
  StoreTiming prepare(int lane);

  /**
   * Makes lane {@code lane} ready as its last holder left it: a lane already there with this schema
   * is not changed (nothing reset, nothing emptied); otherwise as {@link #prepare}. For lanes that
   * are never reset ({@code testlanes.reset=none}).
   *
   * @throws SchemaException if a schema script fails while the lane is made afresh
   */
  StoreTiming keep(int lane);

  /**
   * Brings the lane back to the state its schema scripts (and migrations) left: what tests wrote is
   * gone, the scripts' own rows are back, sequences restart where the scripts left them. Tables a
   * test created are emptied and kept. Skips, where the store can tell reliably, what nothing wrote
   * since the last reset; when it cannot tell, it resets.
   */
  StoreTiming reset(int lane);

  /**
   * Runs one more script in the lane, such as a test class's own data after a reset. The next reset
   * undoes what it wrote.
   *
   * @throws SchemaException if a statement of the script fails
   * @throws IllegalArgumentException if this store takes no scripts
   */
  StoreTiming apply(int lane, SchemaScript script);

  /** Removes the lane from the server. Does nothing if it is not there. */
  StoreTiming drop(int lane);

  /** Closes this strategy's connections; leaves the lanes on the server. */
  @Override
  void close();
}

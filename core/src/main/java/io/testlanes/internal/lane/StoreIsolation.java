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
   * Makes lane {@code lane} ready and empty, with the schema applied: reuses what an earlier run
   * left with the same schema (after emptying it), and rebuilds what has another schema.
   *
   * @throws SchemaException if a schema script fails; the half-made lane is removed
   */
  StoreTiming prepare(int lane);

  /** Empties what the tests wrote in the lane (including tables they created); keeps the schema. */
  StoreTiming reset(int lane);

  /** Removes the lane from the server. Does nothing if it is not there. */
  StoreTiming drop(int lane);

  /** Closes this strategy's connections; leaves the lanes on the server. */
  @Override
  void close();
}

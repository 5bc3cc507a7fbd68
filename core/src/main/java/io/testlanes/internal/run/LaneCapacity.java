package io.testlanes.internal.run;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.lane.LaneNames;
import java.util.Collection;

/**
 * Checks, before any test runs, that each store can hold the lanes the run needs: one per worker of
 * every JVM attached to the run (lane numbers never exceed that sum; see {@link LaneLocks}).
 *
 * <p>Redis is the store with a hard limit: lane {@code k} uses logical database {@code k}, so a
 * server with {@code databases N} serves lanes 1..N-1 (16 databases by default: 15 lanes). Postgres
 * databases and Cassandra keyspaces have no such limit.
 */
public final class LaneCapacity {
  private LaneCapacity() {}

  /**
   * @param endpoints the run's services
   * @param needed the lanes the run needs now: the workers of every JVM attached to it
   * @param workersHere this JVM's {@code testlanes.workers}
   * @throws IllegalStateException naming the numbers and the fix, if a store cannot hold them
   */
  public static void check(Collection<ServiceEndpoint> endpoints, int needed, int workersHere) {
    if (needed > LaneNames.MAX) {
      throw new IllegalStateException(
          "this run needs "
              + needed
              + " lanes (the workers of every JVM attached to it), more than testlanes supports ("
              + LaneNames.MAX
              + "). Fix: lower "
              + Keys.WORKERS
              + " or the number of forks.");
    }
    for (ServiceEndpoint e : endpoints) {
      if (e.service() != Service.REDIS) {
        continue;
      }
      int databases =
          e.attribute(ServiceEndpoint.DATABASES).map(Integer::parseInt).orElse(Integer.MAX_VALUE);
      int lanes = databases - 1;
      if (needed > lanes) {
        int others = needed - workersHere;
        throw new IllegalStateException(
            "this run needs up to "
                + needed
                + " lanes ("
                + Keys.WORKERS
                + "="
                + workersHere
                + " in this JVM"
                + (others > 0 ? ", " + others + " more in the other JVMs attached to the run" : "")
                + "), but redis at "
                + e.address()
                + " has "
                + databases
                + " databases (0.."
                + (databases - 1)
                + "); lane k uses database k, so it serves at most "
                + lanes
                + " lanes. Fix: start Redis with --databases "
                + (needed + 1)
                + " (or 'databases "
                + (needed + 1)
                + "' in redis.conf), or run at most "
                + lanes
                + " workers in all ("
                + Keys.WORKERS
                + " times the JVMs of the run).");
      }
    }
  }
}

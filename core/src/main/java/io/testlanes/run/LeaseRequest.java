package io.testlanes.run;

import io.testlanes.config.Service;
import io.testlanes.internal.lane.LaneData;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a caller asks of {@link TestRun#lease}: who holds the lane, whether the lane is reset to the
 * template's state when leased, which lanes it would rather have, the holder's own data, and which
 * services it uses.
 *
 * @param holder who holds the lane, as shown in status and in errors when no lane is free (a test
 *     class or method)
 * @param resetAtLease whether a lane that earlier holders used is reset when leased ({@code false}
 *     for {@code testlanes.reset=none}: the lane keeps what they left, except that the first holder
 *     of a lane in a run still gets it in the template's state)
 * @param preferred lanes to take if one of them is free, in order (lane affinity: a Spring context
 *     already built for that lane); otherwise the lowest free lane
 * @param data classpath locations of the holder's own data scripts, run in the lane when it is
 *     leased and after each {@link LaneLease#reset()}: {@code .sql} scripts in Postgres, {@code
 *     .cql} scripts in Cassandra, in the order given
 * @param services the services the holder uses; empty for all the run's. If one of them dies, the
 *     lease and every later reset of it fail with the message of its death; a service it does not
 *     use may die without failing it (its store is then left out of preparing and resetting)
 * @param priority when several requests of this JVM wait for a worker permit, the next free one
 *     goes to the highest priority, equal ones in the order they came (e.g. a test class's expected
 *     time in milliseconds: the longest first)
 */
public record LeaseRequest(
    String holder,
    boolean resetAtLease,
    Set<Integer> preferred,
    List<String> data,
    Set<Service> services,
    long priority) {

  public LeaseRequest {
    Objects.requireNonNull(holder, "holder");
    if (holder.isBlank()) {
      throw new IllegalArgumentException(
          "a lease needs a holder description, got '" + holder + "'");
    }
    for (int n : preferred) {
      if (n < 1) {
        throw new IllegalArgumentException(
            "lane numbers are 1 or more, got " + n + " in " + preferred);
      }
    }
    for (String location : data) {
      LaneData.storeOf(location); // a name without a store fails here, not at lease
    }
    preferred = Collections.unmodifiableSet(new LinkedHashSet<>(preferred));
    data = List.copyOf(data);
    services = Set.copyOf(services);
  }

  /**
   * A request by {@code holder}: reset at lease, no preferred lane, no data of its own, all the
   * run's services, priority 0.
   */
  public static LeaseRequest of(String holder) {
    return new LeaseRequest(holder, true, Set.of(), List.of(), Set.of(), 0);
  }

  /** This request with {@link #resetAtLease()} set to {@code reset}. */
  public LeaseRequest withResetAtLease(boolean reset) {
    return new LeaseRequest(holder, reset, preferred, data, services, priority);
  }

  /** This request preferring {@code lanes}, in their iteration order. */
  public LeaseRequest preferring(Set<Integer> lanes) {
    return new LeaseRequest(holder, resetAtLease, lanes, data, services, priority);
  }

  /** This request with {@code locations} as the holder's data scripts; see {@link #data()}. */
  public LeaseRequest withData(List<String> locations) {
    return new LeaseRequest(holder, resetAtLease, preferred, locations, services, priority);
  }

  /** This request with {@code priority}; see {@link #priority()}. */
  public LeaseRequest withPriority(long priority) {
    return new LeaseRequest(holder, resetAtLease, preferred, data, services, priority);
  }

  /** This request for a holder that uses only {@code used} of the run's services. */
  public LeaseRequest using(Set<Service> used) {
    return new LeaseRequest(holder, resetAtLease, preferred, data, used, priority);
  }
}

package io.testlanes.internal.lane;

import io.testlanes.config.Service;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One lane operation ({@code initialise}, {@code prepare}, {@code reset}, {@code drop}) on every
 * store of the run, with the time of each store; the stores work concurrently, so {@link #wall()}
 * is close to the slowest store's time, not their sum.
 */
public final class LaneTimings {
  private final String operation;
  private final String subject;
  private final Map<Service, StoreTiming> stores;
  private final Duration wall;

  LaneTimings(String operation, String subject, Map<Service, StoreTiming> stores, Duration wall) {
    this.operation = operation;
    this.subject = subject;
    EnumMap<Service, StoreTiming> copy = new EnumMap<>(Service.class);
    copy.putAll(stores);
    this.stores = Collections.unmodifiableMap(copy);
    this.wall = wall;
  }

  public String operation() {
    return operation;
  }

  /** What the operation was about: a lane name ({@code lane_2}) or {@code run}. */
  public String subject() {
    return subject;
  }

  public Map<Service, StoreTiming> stores() {
    return stores;
  }

  public Optional<StoreTiming> store(Service service) {
    return Optional.ofNullable(stores.get(service));
  }

  public Duration wall() {
    return wall;
  }

  /** {@code prepare lane_2 in 41.0 ms: postgres 12.3 ms (...), redis 0.4 ms (...)}. */
  @Override
  public String toString() {
    return operation
        + " "
        + subject
        + " in "
        + StoreTiming.millis(wall)
        + ": "
        + stores.values().stream().map(StoreTiming::toString).collect(Collectors.joining(", "));
  }
}

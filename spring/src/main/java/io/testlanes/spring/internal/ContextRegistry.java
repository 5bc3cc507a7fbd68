package io.testlanes.spring.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The lanes that each configuration (without its lane) has a live application context for in this
 * JVM: filled when a context is created for a lane, emptied when it closes (evicted from Spring's
 * cache, {@code @DirtiesContext}). Lane affinity asks it which lanes to prefer.
 */
final class ContextRegistry {
  private static final Map<MergedContextConfiguration, Set<Integer>> LANES =
      new ConcurrentHashMap<>();

  /** The test class whose context load created each live context, by configuration and lane. */
  private static final Map<List<Object>, Class<?>> CREATOR = new ConcurrentHashMap<>();

  private ContextRegistry() {}

  /** The lanes with a live context of {@code configuration}, lowest first. */
  static Set<Integer> lanes(MergedContextConfiguration configuration) {
    Set<Integer> lanes = LANES.get(configuration);
    if (lanes == null) {
      return Set.of();
    }
    synchronized (lanes) {
      return new TreeSet<>(lanes);
    }
  }

  static void created(MergedContextConfiguration configuration, int lane, Class<?> creator) {
    Set<Integer> lanes = LANES.computeIfAbsent(configuration, k -> new TreeSet<>());
    synchronized (lanes) {
      lanes.add(lane);
    }
    CREATOR.put(List.of(configuration, lane), creator);
  }

  /**
   * Whether {@code testClass} created the live context of {@code configuration} on {@code lane}.
   */
  static boolean createdBy(MergedContextConfiguration configuration, int lane, Class<?> testClass) {
    return CREATOR.get(List.of(configuration, lane)) == testClass;
  }

  static void closed(MergedContextConfiguration configuration, int lane) {
    Set<Integer> lanes = LANES.get(configuration);
    if (lanes != null) {
      synchronized (lanes) {
        lanes.remove(lane);
      }
    }
    CREATOR.remove(List.of(configuration, lane));
  }
}

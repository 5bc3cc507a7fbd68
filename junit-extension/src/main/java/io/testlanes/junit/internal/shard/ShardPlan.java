package io.testlanes.junit.internal.shard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A split of test classes into {@code count} shards of about equal total time.
 *
 * <p>The classes split are those given plus those in the timings, so that a timed class's shard
 * depends only on the timings and not on which other classes one JVM happened to discover (Surefire
 * with {@code forkCount > 1} hands its forks one class at a time). {@link ShardFilter} passes only
 * the timings of classes on the test classpath. With timings, it is longest-processing-time first:
 * classes sorted by time, longest first, ties by name, each put in the shard with the least total
 * time so far, ties to the lowest shard; a class without a timing counts as the median timing.
 * Without any timing, the classes sorted by name are dealt out in turn. The result depends only on
 * the input, so every CI node computes the same split.
 */
public final class ShardPlan {
  private final int count;
  private final Map<String, Integer> shardOf;
  private final long[] loads;
  private final int[] sizes;
  private final boolean timed;

  private ShardPlan(
      int count, Map<String, Integer> shardOf, long[] loads, int[] sizes, boolean timed) {
    this.count = count;
    this.shardOf = shardOf;
    this.loads = loads;
    this.sizes = sizes;
    this.timed = timed;
  }

  /**
   * Splits {@code classes} (and the classes in {@code timings}) into {@code count} shards.
   *
   * @param timings class name to milliseconds, from the timings file; may be empty
   * @throws IllegalArgumentException if {@code count < 1} or a timing is negative
   */
  public static ShardPlan split(Collection<String> classes, Map<String, Long> timings, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("the number of shards must be at least 1, got " + count);
    }
    TreeSet<String> names = new TreeSet<>(classes);
    names.addAll(timings.keySet());
    List<Long> known = new ArrayList<>();
    for (Map.Entry<String, Long> e : timings.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException(
            "timing of " + e.getKey() + " must be >= 0 ms, got " + e.getValue());
      }
      known.add(e.getValue());
    }
    Map<String, Integer> shardOf = new LinkedHashMap<>();
    long[] loads = new long[count];
    int[] sizes = new int[count];
    if (known.isEmpty()) {
      int i = 0;
      for (String name : names) {
        shardOf.put(name, i % count);
        sizes[i % count]++;
        i++;
      }
      return new ShardPlan(count, Collections.unmodifiableMap(shardOf), loads, sizes, false);
    }
    long median = median(known);
    List<String> order = new ArrayList<>(names);
    Comparator<String> longestFirst =
        Comparator.comparingLong((String n) -> timings.getOrDefault(n, median)).reversed();
    order.sort(longestFirst.thenComparing(Comparator.naturalOrder()));
    for (String name : order) {
      int best = 0;
      for (int s = 1; s < count; s++) {
        if (loads[s] < loads[best]) {
          best = s;
        }
      }
      shardOf.put(name, best);
      loads[best] += timings.getOrDefault(name, median);
      sizes[best]++;
    }
    return new ShardPlan(count, Collections.unmodifiableMap(shardOf), loads, sizes, true);
  }

  /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Number of shards. */
  public int count() {
    return count;
  }

  /**
   * The 1-based shard of {@code className}.
   *
   * @throws IllegalArgumentException if the class was not part of the split
   */
  public int shardOf(String className) {
    Integer s = shardOf.get(className);
    if (s == null) {
      throw new IllegalArgumentException(
          "class " + className + " was not part of this split of " + shardOf.size() + " classes");
    }
    return s + 1;
  }

  /** Estimated milliseconds of the 1-based shard {@code index} (0 when split by name). */
  public long load(int index) {
    return loads[index - 1];
  }

  /** Number of classes in the 1-based shard {@code index}, of all classes split. */
  public int size(int index) {
    return sizes[index - 1];
  }

  /** Whether the split used timings (else it is by name). */
  public boolean timed() {
    return timed;
  }

  /** Estimated milliseconds of all shards together. */
  public long totalLoad() {
    long sum = 0;
    for (long l : loads) {
      sum += l;
    }
    return sum;
  }

  /** The largest shard's estimated time over the mean shard time: 1.0 is a perfect split. */
  public double largestOverMean() {
    long max = 0;
    for (long l : loads) {
      max = Math.max(max, l);
    }
    double mean = (double) totalLoad() / count;
    return mean == 0 ? 1.0 : max / mean;
  }
}

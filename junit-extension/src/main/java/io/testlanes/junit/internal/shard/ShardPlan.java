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
 * <p>A class's shard never depends on which other classes one discovery happened to see: Surefire
 * discovers each class alone before it runs them (its scan for classes with tests, with every
 * post-discovery filter applied) and hands forks one class at a time with {@code forkCount > 1}, so
 * a split that depends on the set discovered drops classes from every shard. Hence: the timed
 * classes (those in the timings, all of them, not only those discovered) are split
 * longest-processing-time first: sorted by time, longest first, ties by name, each put in the shard
 * with the least total time so far, ties to the lowest shard. A class without a timing goes to the
 * shard of its name alone: {@code floorMod(name.hashCode(), count)} ({@link String#hashCode()} is
 * the same in every JVM), estimated at the median timing. {@link ShardFilter} passes only the
 * timings of classes on the test classpath. The result depends only on the input, so every CI node
 * computes the same split.
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
    long median = known.isEmpty() ? 0 : median(known);
    List<String> order = new ArrayList<>(timings.keySet());
    Comparator<String> longestFirst =
        Comparator.comparingLong((String n) -> timings.getOrDefault(n, 0L)).reversed();
    order.sort(longestFirst.thenComparing(Comparator.naturalOrder()));
    for (String name : order) {
      int best = 0;
      for (int s = 1; s < count; s++) {
        if (loads[s] < loads[best]) {
          best = s;
        }
      }
      shardOf.put(name, best);
      loads[best] += timings.getOrDefault(name, 0L);
      sizes[best]++;
    }
    for (String name : names) {
      if (!timings.containsKey(name)) {
        int s = Math.floorMod(name.hashCode(), count);
        shardOf.put(name, s);
        loads[s] += median;
        sizes[s]++;
      }
    }
    return new ShardPlan(
        count, Collections.unmodifiableMap(shardOf), loads, sizes, !known.isEmpty());
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

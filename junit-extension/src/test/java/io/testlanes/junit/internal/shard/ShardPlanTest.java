package io.testlanes.junit.internal.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.junit.internal.report.Timings;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardPlanTest {

  static Map<String, Long> exampleTimings() throws URISyntaxException {
    return Timings.read(Path.of(ShardPlanTest.class.getResource("example-timings.json").toURI()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 7, 40})
  void everyClassIsInExactlyOneShard(int count) throws Exception {
    Map<String, Long> timings = new HashMap<>(exampleTimings());
    List<String> classes = new ArrayList<>(timings.keySet());
    classes.add("com.example.NewTest");
    classes.add("com.example.AnotherNewTest");
    timings.remove(classes.get(3));

    ShardPlan plan = ShardPlan.split(classes, timings, count);

    Set<String> union = new HashSet<>();
    int total = 0;
    for (int shard = 1; shard <= count; shard++) {
      List<String> mine = new ArrayList<>();
      for (String c : classes) {
        if (plan.shardOf(c) == shard) {
          mine.add(c);
        }
      }
      total += mine.size();
      union.addAll(mine);
    }
    assertThat(union).containsExactlyInAnyOrderElementsOf(classes);
    assertThat(total).as("no class in two shards").isEqualTo(classes.size());
  }

  @Test
  void theSameInputGivesTheSameSplitWhateverItsOrder() throws Exception {
    Map<String, Long> timings = exampleTimings();
    List<String> classes = new ArrayList<>(timings.keySet());
    classes.add("com.example.NewTest");
    ShardPlan first = ShardPlan.split(classes, timings, 4);

    List<String> shuffled = new ArrayList<>(classes);
    Collections.shuffle(shuffled, new Random(7));
    Map<String, Long> reordered = new LinkedHashMap<>();
    for (String c : shuffled) {
      if (timings.containsKey(c)) {
        reordered.put(c, timings.get(c));
      }
    }
    ShardPlan second = ShardPlan.split(shuffled, reordered, 4);

    for (String c : classes) {
      assertThat(second.shardOf(c)).as(c).isEqualTo(first.shardOf(c));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4})
  void longestFirstBalancesARealisticSkewedSuiteWithin15PercentOfTheMean(int count)
      throws Exception {
    Map<String, Long> timings = exampleTimings();
    assertThat(timings).hasSizeGreaterThanOrEqualTo(30);

    ShardPlan plan = ShardPlan.split(timings.keySet(), timings, count);

    long[] loads = new long[count];
    for (Map.Entry<String, Long> e : timings.entrySet()) {
      loads[plan.shardOf(e.getKey()) - 1] += e.getValue();
    }
    long max = 0;
    long sum = 0;
    for (int i = 0; i < count; i++) {
      assertThat(loads[i]).isEqualTo(plan.load(i + 1));
      max = Math.max(max, loads[i]);
      sum += loads[i];
    }
    double mean = (double) sum / count;
    System.out.printf(
        Locale.ROOT,
        "%d-way split of %d classes (%.1f s): shards %s s, largest %.1f%% of the mean%n",
        count,
        timings.size(),
        sum / 1000.0,
        java.util.Arrays.toString(
            java.util.Arrays.stream(loads).mapToObj(l -> l / 1000.0).toArray()),
        max / mean * 100);
    assertThat(max / mean).isLessThanOrEqualTo(1.15);
    assertThat(plan.largestOverMean()).isEqualTo(max / mean);
  }

  @Test
  void aClassWithoutATimingGoesByItsNameAndCountsAsTheMedian() {
    Map<String, Long> timings = new TreeMap<>(Map.of("A", 100L, "B", 10L, "C", 50L));

    ShardPlan plan = ShardPlan.split(List.of("A", "B", "C", "D"), timings, 2);

    // Longest first, ties by name: A (100) -> 1, C (50) -> 2, B (10) -> 2; D by its name's hash
    // ("D".hashCode() = 68, even) -> 1, counted as the median, 50.
    assertThat(plan.shardOf("A")).isEqualTo(1);
    assertThat(plan.shardOf("C")).isEqualTo(2);
    assertThat(plan.shardOf("B")).isEqualTo(2);
    assertThat(plan.shardOf("D")).isEqualTo(1);
    assertThat(plan.load(1)).isEqualTo(150);
    assertThat(plan.load(2)).isEqualTo(60);
    assertThat(plan.timed()).isTrue();
  }

  @Test
  void withoutTimingsEachClassGoesByItsName() {
    ShardPlan plan = ShardPlan.split(List.of("E", "C", "A", "D", "B"), Map.of(), 2);

    // "A".hashCode() = 65 ... "E".hashCode() = 69.
    assertThat(List.of("A", "B", "C", "D", "E").stream().map(plan::shardOf))
        .containsExactly(2, 1, 2, 1, 2);
    assertThat(plan.size(1)).isEqualTo(2);
    assertThat(plan.size(2)).isEqualTo(3);
    assertThat(plan.timed()).isFalse();
  }

  /**
   * Surefire discovers each class alone (its scan for test classes applies the post-discovery
   * filters; forks get one class at a time): every class must get the shard it has in the whole
   * split, or no node runs it. With all timings, with none, and with new classes beside old ones.
   */
  @ParameterizedTest
  @ValueSource(strings = {"all", "none", "half"})
  void oneClassDiscoveredAloneGetsItsShardInTheWholeSplit(String timed) throws Exception {
    Map<String, Long> all = exampleTimings();
    Map<String, Long> timings = new TreeMap<>();
    int i = 0;
    for (Map.Entry<String, Long> e : all.entrySet()) {
      if (timed.equals("all") || (timed.equals("half") && i++ % 2 == 0)) {
        timings.put(e.getKey(), e.getValue());
      }
    }
    for (int count = 1; count <= 5; count++) {
      ShardPlan whole = ShardPlan.split(all.keySet(), timings, count);
      for (String c : all.keySet()) {
        assertThat(ShardPlan.split(List.of(c), timings, count).shardOf(c))
            .as("%s discovered alone, %d shards, %s timed", c, count, timed)
            .isEqualTo(whole.shardOf(c));
      }
    }
  }

  @Test
  void classesOnlyInTheTimingsTakePartSoThatOneClassAloneGetsTheSameShard() throws Exception {
    Map<String, Long> timings = exampleTimings();
    ShardPlan whole = ShardPlan.split(timings.keySet(), timings, 4);

    for (String c : timings.keySet()) {
      assertThat(ShardPlan.split(List.of(c), timings, 4).shardOf(c))
          .as("a fork that discovers only %s", c)
          .isEqualTo(whole.shardOf(c));
    }
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(ShardPlan.median(List.of(4L, 1L, 3L, 10L))).isEqualTo(3);
    assertThat(ShardPlan.median(List.of(5L))).isEqualTo(5);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ShardPlan.split(List.of("A"), Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the number of shards must be at least 1, got 0");
    assertThatThrownBy(() -> ShardPlan.split(List.of("A"), Map.of("A", -1L), 2))
        .hasMessage("timing of A must be >= 0 ms, got -1");
    ShardPlan plan = ShardPlan.split(List.of("A"), Map.of(), 2);
    assertThatThrownBy(() -> plan.shardOf("Z"))
        .hasMessage("class Z was not part of this split of 1 classes");
  }
}

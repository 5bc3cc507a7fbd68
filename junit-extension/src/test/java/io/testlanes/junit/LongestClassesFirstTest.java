package io.testlanes.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.testlanes.Lane;
import io.testlanes.junit.internal.report.Timings;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Classes run longest first by recorded timings; unknown ones count as the median. When classes
 * wait for a lane, the next free one goes to the longest.
 */
class LongestClassesFirstTest {
  static final List<String> RAN = new CopyOnWriteArrayList<>();
  static final List<String> LANE_HOLDERS = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  private List<String> runWith(Path timings) {
    RAN.clear();
    EngineTestKit.engine("junit-jupiter")
        .selectors(
            selectClass(ShortTestCase.class),
            selectClass(LongTestCase.class),
            selectClass(UnknownTestCase.class),
            selectClass(MiddleTestCase.class))
        .configurationParameter(
            "junit.jupiter.testclass.order.default", LongestClassesFirst.class.getName())
        .configurationParameter("testlanes.timings.file", timings.toString())
        .execute()
        .testEvents()
        .assertStatistics(s -> s.succeeded(4));
    return List.copyOf(RAN);
  }

  @Test
  void longestFirstAndAnUnknownClassAsTheMedian() {
    Path timings = dir.resolve("timings.json");
    Timings.write(
        timings,
        Map.of(
            ShortTestCase.class.getName(),
            100L,
            MiddleTestCase.class.getName(),
            2_000L,
            "com.example.NotInThisRunTest",
            10_000L,
            LongTestCase.class.getName(),
            30_000L));
    // The median of the recorded times is 10 s: the unknown class comes before the 2 s one.
    assertThat(runWith(timings))
        .containsExactly("LongTestCase", "UnknownTestCase", "MiddleTestCase", "ShortTestCase");
  }

  @Test
  void withoutTimingsTheOrderStaysAsItWas() {
    assertThat(runWith(dir.resolve("none.json")))
        .containsExactly("ShortTestCase", "LongTestCase", "UnknownTestCase", "MiddleTestCase");
  }

  @Test
  void classesThatWaitForALaneGetItLongestFirst() {
    Path timings = dir.resolve("timings.json");
    Map<String, Long> times =
        Map.of(
            Wait100TestCase.class.getName(), 100L,
            Wait5000TestCase.class.getName(), 5_000L,
            Wait300TestCase.class.getName(), 300L,
            Wait20000TestCase.class.getName(), 20_000L,
            Wait1000TestCase.class.getName(), 1_000L,
            Wait2000TestCase.class.getName(), 2_000L);
    Timings.write(timings, times);
    LANE_HOLDERS.clear();
    // JUnit runs all six classes at once, one lane: five of them wait for it.
    Kit.parallel()
        .with("testlanes.workers", "1")
        .with("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
        .with("junit.jupiter.testclass.order.default", LongestClassesFirst.class.getName())
        .with("testlanes.timings.file", timings.toString())
        .run(
            Wait100TestCase.class,
            Wait5000TestCase.class,
            Wait300TestCase.class,
            Wait20000TestCase.class,
            Wait1000TestCase.class,
            Wait2000TestCase.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(6));
    // The first holder took the free lane when it came; the others waited and went longest first.
    List<String> waited = LANE_HOLDERS.subList(1, LANE_HOLDERS.size());
    assertThat(waited).hasSize(5);
    assertThat(waited)
        .isSortedAccordingTo(Comparator.comparingLong((String c) -> times.get(c)).reversed());
  }

  /** Holds its class's lane a while, so that the other classes queue for it. */
  abstract static class Waiter {
    @Test
    void holdsTheLane(Lane lane) throws InterruptedException {
      assertThat(lane.name()).startsWith("lane_");
      LANE_HOLDERS.add(getClass().getName());
      Thread.sleep(300);
    }
  }

  @TestLanes
  static class Wait100TestCase extends Waiter {}

  @TestLanes
  static class Wait300TestCase extends Waiter {}

  @TestLanes
  static class Wait1000TestCase extends Waiter {}

  @TestLanes
  static class Wait2000TestCase extends Waiter {}

  @TestLanes
  static class Wait5000TestCase extends Waiter {}

  @TestLanes
  static class Wait20000TestCase extends Waiter {}

  static class ShortTestCase {
    @Test
    void runs() {
      RAN.add(getClass().getSimpleName());
    }
  }

  static class LongTestCase {
    @Test
    void runs() {
      RAN.add(getClass().getSimpleName());
    }
  }

  static class MiddleTestCase {
    @Test
    void runs() {
      RAN.add(getClass().getSimpleName());
    }
  }

  static class UnknownTestCase {
    @Test
    void runs() {
      RAN.add(getClass().getSimpleName());
    }
  }
}

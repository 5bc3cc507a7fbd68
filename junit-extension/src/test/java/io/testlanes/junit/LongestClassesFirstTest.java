package io.testlanes.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.testlanes.junit.internal.report.Timings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Classes run longest first by recorded timings; unknown ones count as the median. */
class LongestClassesFirstTest {
  static final List<String> RAN = new CopyOnWriteArrayList<>();

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

package io.testlanes.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {
  static ScenarioResult result(String id, double wall, double start, double lanes, double stop) {
    return result(id, wall, start, lanes, stop, TestWindow.NONE, CpuSeconds.ZERO, true);
  }

  static ScenarioResult result(
      String id,
      double wall,
      double start,
      double lanes,
      double stop,
      TestWindow tests,
      CpuSeconds cpu,
      boolean passed) {
    return new ScenarioResult(
        id,
        id,
        "",
        1,
        1,
        wall,
        wall,
        start,
        start,
        lanes,
        wall - start - lanes - stop,
        stop,
        tests,
        cpu,
        0,
        100,
        200,
        passed,
        List.of(new ScenarioResult.Run(wall, 0, passed)));
  }

  private final List<ScenarioResult> results =
      List.of(
          result("s1-before", 400, 120, 10, 80),
          result("s2-once-disk", 60, 5, 1, 0),
          result("s3-once-tmpfs", 50, 4, 1, 0),
          result("s4-lanes-4", 32, 4, 2, 0),
          result("s5-docker-4", 45, 15, 2, 0));

  @Test
  void beforeAfterIsTheFirstOverTheFastest() {
    assertThat(Ratios.beforeAfter(results)).isCloseTo(12.5, within(1e-9));
    assertThat(Ratios.fastest(results).id()).isEqualTo("s4-lanes-4");
  }

  @Test
  void aFailedScenarioIsNeverTheFastest() {
    List<ScenarioResult> withFailure = new java.util.ArrayList<>(results);
    withFailure.add(result("s6-forks-4", 2, 0, 0, 0, TestWindow.NONE, CpuSeconds.ZERO, false));
    assertThat(Ratios.fastest(withFailure).id()).isEqualTo("s4-lanes-4");
    assertThat(Ratios.fastestOf(results, "s4-lanes-").id()).isEqualTo("s4-lanes-4");
  }

  @Test
  void eachChangeIsComparedWithTheOneBeforeAndTheLargestSavingIsFound() {
    List<Ratios.Step> steps =
        Ratios.chain(results, List.of("s1-before", "s2-once-disk", "s3-once-tmpfs", "s4-lanes-4"));
    assertThat(steps)
        .extracting(Ratios.Step::to)
        .containsExactly("s2-once-disk", "s3-once-tmpfs", "s4-lanes-4");
    assertThat(steps.get(0).ratio()).isCloseTo(400.0 / 60, within(1e-9));
    assertThat(steps.get(2).savedS()).isCloseTo(18, within(1e-9));
    assertThat(Ratios.largest(steps).to()).isEqualTo("s2-once-disk");
  }

  @Test
  void aMissingScenarioOrANonPositiveTimeIsRefused() {
    assertThatThrownBy(() -> Ratios.chain(results, List.of("s1-before", "s9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no scenario 's9'");
    assertThatThrownBy(() -> Ratios.ratio(10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void overlappingLaneIntervalsCountOnce() {
    assertThat(
            ScenarioRunner.union(
                List.of(new long[] {0, 10}, new long[] {5, 15}, new long[] {20, 25})))
        .isEqualTo(20);
  }
}

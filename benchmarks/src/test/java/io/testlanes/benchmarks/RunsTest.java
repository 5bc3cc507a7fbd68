package io.testlanes.benchmarks;

import static io.testlanes.benchmarks.RatiosTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several runs of a scenario, what a run's report parts say, and the machine's limit. */
class RunsTest {
  private static final CpuSeconds CPU = new CpuSeconds(20, 2, 10, 1, 15, 0);

  @Test
  void theMedianIsTheMiddleRunWithEveryRunsWall() {
    ScenarioResult slow = result("s3-once-tmpfs", 60, 4, 1, 0);
    ScenarioResult mid = result("s3-once-tmpfs", 52, 3, 1, 0, TestWindow.NONE, CPU, true);
    ScenarioResult fast = result("s3-once-tmpfs", 50, 3, 1, 0);
    ScenarioResult m = ScenarioResult.median(List.of(slow, mid, fast));
    assertThat(m.wallS()).isEqualTo(52);
    assertThat(m.cpu()).isEqualTo(CPU);
    assertThat(m.runs()).extracting(ScenarioResult.Run::wallS).containsExactly(60.0, 52.0, 50.0);
    assertThat(m.minWallS()).isEqualTo(50);
    assertThat(m.maxWallS()).isEqualTo(60);
    assertThat(m.passed()).isTrue();
  }

  @Test
  void ofAnEvenCountTheFasterMiddleRunAndOneFailedRunFailsTheMedian() {
    ScenarioResult failed =
        result("s4-lanes-4", 30, 3, 1, 0, TestWindow.NONE, CpuSeconds.ZERO, false);
    ScenarioResult m = ScenarioResult.median(List.of(result("s4-lanes-4", 40, 3, 1, 0), failed));
    assertThat(m.wallS()).isEqualTo(30);
    assertThat(m.passed()).isFalse();
  }

  @Test
  void runsOfDifferentScenariosHaveNoMedian() {
    assertThatThrownBy(
            () ->
                ScenarioResult.median(
                    List.of(result("s3-once-tmpfs", 1, 0, 0, 0), result("s4-lanes-4", 1, 0, 0, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different scenarios");
    assertThatThrownBy(() -> ScenarioResult.median(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTestWindowComesFromTheClassesOfEveryPart() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode a =
        json.readTree(
            "{\"start\":1000,\"end\":9000,"
                + "\"phases\":[{\"kind\":\"service\",\"start\":500,\"end\":3000}],"
                + "\"classes\":[{\"class\":\"x.ATest\",\"start\":4000,\"end\":6000},"
                + "{\"class\":\"x.BTest\",\"start\":6000,\"end\":8500}]}");
    JsonNode b =
        json.readTree(
            "{\"start\":1200,\"end\":8800,"
                + "\"classes\":[{\"class\":\"y.CTest\",\"start\":4500,\"end\":5000}]}");
    TestWindow w = ScenarioRunner.window(List.of(a, b), 0, 10_000);
    assertThat(w.testlanesWallS()).isEqualTo(8.5); // 500 (a phase) to 9000
    assertThat(w.testTimeS()).isEqualTo(5.0);
    assertThat(w.beforeFirstTestS()).isEqualTo(4.0);
    assertThat(w.afterLastTestS()).isEqualTo(1.5);
    assertThat(w.outsideS()).isEqualTo(5.5);
    assertThat(w.longestClass()).isEqualTo("BTest");
    assertThat(w.longestClassS()).isEqualTo(2.5);
    assertThat(ScenarioRunner.window(List.of(), 0, 1)).isEqualTo(TestWindow.NONE);
  }

  @Test
  void stepsAddUpAndTheLongestClassIsTheLongestOfAll() {
    TestWindow one = new TestWindow(10, 8, 1, 0.5, "ATest", 3);
    TestWindow two = new TestWindow(20, 15, 2, 1.5, "BTest", 5);
    TestWindow both = TestWindow.NONE.then(one).then(two);
    assertThat(both).isEqualTo(new TestWindow(30, 23, 3, 2, "BTest", 5));
    assertThat(both.times(2).outsideS()).isEqualTo(10);
  }

  @Test
  void theLimitIsTheLargerOfCpuOverCoresAndTheLongestClass() {
    ScenarioResult run = result("s4-lanes-4", 30, 3, 1, 0, TestWindow.NONE, CPU, true);
    MachineLimit cpuBound = MachineLimit.of(run, 2, 12);
    assertThat(cpuBound.cpuBoundS()).isEqualTo(24); // 48 CPU s over 2 cores
    assertThat(cpuBound.limitS()).isEqualTo(24);
    assertThat(cpuBound.boundBy()).isEqualTo("CPU");
    assertThat(cpuBound.wallOverLimit()).isCloseTo(1.25, within(1e-9));
    MachineLimit classBound = MachineLimit.of(run, 4, 15);
    assertThat(classBound.limitS()).isEqualTo(15);
    assertThat(classBound.boundBy()).isEqualTo("longest class");
    assertThatThrownBy(() -> MachineLimit.of(run, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parallelRunsAreComparedWithTheOneWorkerRunAndItsLongestClass() {
    TestWindow alone = new TestWindow(50, 45, 4, 1, "OrderHistoryImportTest", 10);
    List<ScenarioResult> results =
        List.of(
            result("s3-once-tmpfs", 50, 3, 1, 0, alone, CPU, true),
            result("s4-lanes-4", 25, 3, 1, 0, TestWindow.NONE, CPU, true));
    List<Report.LimitRow> rows = Report.limits(results, 2);
    assertThat(rows).extracting(Report.LimitRow::workers).containsExactly(1, 4);
    assertThat(rows.get(1).speedup()).isEqualTo(2.0);
    assertThat(rows.get(1).limit().longestClassS()).isEqualTo(10);
    assertThat(Report.limits(results.subList(1, 2), 2)).isEmpty();
  }
}

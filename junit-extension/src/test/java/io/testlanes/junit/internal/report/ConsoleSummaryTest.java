package io.testlanes.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.Backend;
import io.testlanes.config.Service;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The summary's lines, exactly, for runs recorded by hand. */
class ConsoleSummaryTest {
  /** 2025-12-01T10:00:00Z. */
  private static final long T0 = 1_764_583_200_000L;

  private static final Path REPORT = Path.of("/work/project/target/testlanes/report.html");
  private static final long PID = 4242;

  private final List<ClassRecord> classes = new ArrayList<>();
  private final List<TestRecord> tests = new ArrayList<>();
  private final List<Phase> phases = new ArrayList<>();

  /** A class of one passing test, from {@code start} to {@code end} ms after T0. */
  private void ran(String name, @Nullable String lane, long start, long end) {
    String className = "com.example." + name;
    classes.add(new ClassRecord(className, lane, PID, T0 + start, T0 + end, Outcome.PASSED));
    tests.add(
        new TestRecord(className, "works()", lane, PID, T0 + start, T0 + end, Outcome.PASSED));
  }

  private RunData run(long end) {
    return RunData.of(
        "run-1", List.of(new Part("run-1", PID, T0, T0 + end, classes, tests, phases)));
  }

  /** Two lanes: OrderTest in lane_1, CartTest then StockTest in lane_2; 8 s wall. */
  private RunData twoLanes() {
    phases.add(new Phase(Phase.Kind.SERVICE, "postgres", T0, T0 + 900));
    phases.add(new Phase(Phase.Kind.LANE, "lane_1", T0 + 900, T0 + 1300));
    phases.add(new Phase(Phase.Kind.LANE, "lane_2", T0 + 900, T0 + 1200));
    ran("OrderTest", "lane_1", 1500, 7500);
    ran("CartTest", "lane_2", 1500, 4500);
    ran("StockTest", "lane_2", 4600, 7600);
    return run(8000);
  }

  private static Baseline baseline(Map<String, Long> classes) {
    return new Baseline(Instant.parse("2025-11-30T09:15:00Z"), 2000, classes);
  }

  @Test
  void aParallelRunWithABaselineAndCpuFigures() {
    Baseline baseline =
        baseline(
            Map.of(
                "com.example.OrderTest", 5000L,
                "com.example.CartTest", 2500L,
                "com.example.StockTest", 2600L));
    CpuUse.Figures cpu =
        new CpuUse.Figures(
            8000,
            2,
            6000,
            new ProcCpu.HostTree(400, Map.of(Service.POSTGRES, 2400L, Service.CASSANDRA, 1600L)),
            Backend.EMBEDDED,
            OptionalDouble.of(0.97));

    assertThat(ConsoleSummary.lines(twoLanes(), Optional.of(baseline), Optional.of(cpu), REPORT))
        .containsExactly(
            "[testlanes] 3 test classes, 3 tests (3 passed, 0 failed, 0 skipped) in 1 JVM",
            "[testlanes] wall time 8.0 s, test time 12.0 s, busy lanes on average 1.50 of 2",
            "[testlanes] speedup 1.51x over 1 worker: these 3 classes took 12.1 s with 1 worker"
                + " (single-worker times recorded 2025-11-30 09:15 UTC)",
            "[testlanes] CPU busy 1.30 of 2 cores on average (65%): test JVMs 0.75, services 0.55"
                + " (host 0.05, postgres 0.30, cassandra 0.20); whole machine 97% busy",
            "[testlanes] services ready: postgres 0.9 s; lanes prepared: 2, slowest 0.4 s",
            "[testlanes] lane utilisation: lane_1 98%, lane_2 98% (mean 98%)",
            "[testlanes] slowest classes: OrderTest 6.0 s, CartTest 3.0 s, StockTest 3.0 s",
            "[testlanes] report: /work/project/target/testlanes/report.html");
  }

  @Test
  void withoutATimeForEveryClassTheSpeedupIsUnknown() {
    Baseline partial =
        baseline(Map.of("com.example.OrderTest", 5000L, "com.example.CartTest", 2500L));

    assertThat(ConsoleSummary.lines(twoLanes(), Optional.of(partial), Optional.empty(), REPORT))
        .contains(
            "[testlanes] speedup over 1 worker: unknown, no single-worker time yet for 1 of these"
                + " 3 classes (a run with -Dtestlanes.workers=1 records single-worker times)")
        .noneMatch(line -> line.contains("CPU"));
    assertThat(ConsoleSummary.lines(twoLanes(), Optional.empty(), Optional.empty(), REPORT))
        .contains(
            "[testlanes] speedup over 1 worker: unknown, no single-worker time yet for 3 of these"
                + " 3 classes (a run with -Dtestlanes.workers=1 records single-worker times)");
  }

  @Test
  void aSerialRunIsTheBaselineAndSaysSo() {
    ran("OrderTest", "lane_1", 1000, 6000);
    ran("CartTest", "lane_1", 6000, 8500);
    classes.add(
        new ClassRecord(
            "com.example.BrokenTest", "lane_1", PID, T0 + 8500, T0 + 9000, Outcome.FAILED));
    RunData serial = run(10_000);

    assertThat(serial.serial()).isTrue();
    assertThat(ConsoleSummary.lines(serial, Optional.empty(), Optional.empty(), REPORT).get(2))
        .isEqualTo(
            "[testlanes] speedup over 1 worker: none, this run ran one test at a time; its class"
                + " times are now the single-worker baseline");
    Baseline recorded = serial.asBaseline(Instant.parse("2025-12-01T10:00:10Z"));
    assertThat(recorded.classes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("com.example.OrderTest", 5000L, "com.example.CartTest", 2500L));
    assertThat(recorded.overheadMillis()).isEqualTo(10_000 - 8000);
  }

  @Test
  void aRunWithoutClassesHasNoSpeedup() {
    assertThat(ConsoleSummary.lines(run(100), Optional.empty(), Optional.empty(), REPORT).get(2))
        .isEqualTo("[testlanes] speedup over 1 worker: no test class ran");
  }

  @Test
  void overlappingTestsMakeARunParallelEvenInOneClass() {
    String c = "com.example.OrderTest";
    classes.add(new ClassRecord(c, null, PID, T0, T0 + 2000, Outcome.PASSED));
    tests.add(new TestRecord(c, "a()", "lane_1", PID, T0, T0 + 1500, Outcome.PASSED));
    tests.add(new TestRecord(c, "b()", "lane_2", PID, T0 + 1000, T0 + 2000, Outcome.PASSED));

    assertThat(run(2000).serial()).isFalse();
  }

  @Test
  void aRunWithoutLanesCountsClassesAtOnce() {
    ran("OrderTest", null, 0, 3000);
    ran("CartTest", null, 1000, 4000);

    assertThat(ConsoleSummary.lines(run(4000), Optional.empty(), Optional.empty(), REPORT).get(1))
        .isEqualTo(
            "[testlanes] wall time 4.0 s, test time 6.0 s, test classes at once on average 1.50");
  }

  @Test
  void servicesOutsideTheHostAreNotCountedAndSaidSo() {
    CpuUse.Figures docker =
        new CpuUse.Figures(
            8000,
            4,
            6000,
            new ProcCpu.HostTree(400, Map.of()),
            Backend.DOCKER,
            OptionalDouble.empty());

    assertThat(ConsoleSummary.lines(twoLanes(), Optional.empty(), Optional.of(docker), REPORT))
        .contains(
            "[testlanes] CPU busy 0.80 of 4 cores on average (20%): test JVMs 0.75, service host"
                + " 0.05 (docker services not counted)");
  }
}

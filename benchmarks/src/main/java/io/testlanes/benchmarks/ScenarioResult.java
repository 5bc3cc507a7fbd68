package io.testlanes.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one whole-suite scenario measured, in one run or as the median of several. Times in seconds;
 * when only a subset of the suite ran ({@code scale > 1}), every time and CPU figure is the
 * measured one times {@code scale}.
 *
 * @param servicesReadyS from launching the (first) test JVM to the last service answering its round
 *     trip: JVM start, discovery, the run host, the services (for per-class scenarios: the mean per
 *     class)
 * @param startServicesS the part of the wall spent until services were ready (summed over steps)
 * @param prepareLanesS time during which a lane was being prepared (union of the intervals)
 * @param runTestsS the rest of the wall
 * @param stopServicesS stopping services within the run (only where they stop per class)
 * @param tests when the tests ran within the wall
 * @param cpu CPU seconds of the scenario's processes
 * @param othersCpuS CPU seconds that other processes of the machine used meanwhile
 * @param runs every run's figures, in the order they ran (one for a single run)
 */
record ScenarioResult(
    String id,
    String title,
    String setup,
    int classesRun,
    double scale,
    double measuredWallS,
    double wallS,
    double servicesReadyS,
    double startServicesS,
    double prepareLanesS,
    double runTestsS,
    double stopServicesS,
    TestWindow tests,
    CpuSeconds cpu,
    double othersCpuS,
    long peakTestJvmsRssMb,
    long peakServicesRssMb,
    boolean passed,
    List<Run> runs) {

  /**
   * One run of a scenario: its wall time, the CPU seconds other processes of the machine used
   * meanwhile (how undisturbed it was), whether its tests passed.
   */
  record Run(double wallS, double othersCpuS, boolean passed) {}

  ScenarioResult {
    runs = List.copyOf(runs);
  }

  /**
   * The median of several runs of one scenario: the run with the median wall time (for an even
   * count, the faster of the two middle ones), with every run's figures, passed only if every run
   * passed.
   */
  static ScenarioResult median(List<ScenarioResult> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to take the median of");
    }
    List<ScenarioResult> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(ScenarioResult::wallS));
    ScenarioResult m = sorted.get((sorted.size() - 1) / 2);
    List<Run> all = new ArrayList<>();
    boolean allPassed = true;
    for (ScenarioResult r : runs) {
      if (!r.id().equals(m.id())) {
        throw new IllegalArgumentException(
            "runs of different scenarios: " + r.id() + " and " + m.id());
      }
      all.addAll(r.runs());
      allPassed &= r.passed();
    }
    return new ScenarioResult(
        m.id,
        m.title,
        m.setup,
        m.classesRun,
        m.scale,
        m.measuredWallS,
        m.wallS,
        m.servicesReadyS,
        m.startServicesS,
        m.prepareLanesS,
        m.runTestsS,
        m.stopServicesS,
        m.tests,
        m.cpu,
        m.othersCpuS,
        m.peakTestJvmsRssMb,
        m.peakServicesRssMb,
        allPassed,
        all);
  }

  /** The fastest and the slowest run's wall time. */
  double minWallS() {
    return runs.stream().mapToDouble(Run::wallS).min().orElse(wallS);
  }

  double maxWallS() {
    return runs.stream().mapToDouble(Run::wallS).max().orElse(wallS);
  }
}

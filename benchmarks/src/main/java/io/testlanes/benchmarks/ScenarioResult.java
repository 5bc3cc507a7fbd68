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
 * @param wallsS the wall time of every run, in the order they ran (one for a single run)
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
    List<Double> wallsS) {

  ScenarioResult {
    wallsS = List.copyOf(wallsS);
  }

  /**
   * The median of several runs of one scenario: the run with the median wall time (for an even
   * count, the faster of the two middle ones), with every run's wall time, passed only if every run
   * passed.
   */
  static ScenarioResult median(List<ScenarioResult> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to take the median of");
    }
    List<ScenarioResult> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(ScenarioResult::wallS));
    ScenarioResult m = sorted.get((sorted.size() - 1) / 2);
    List<Double> walls = new ArrayList<>();
    boolean allPassed = true;
    for (ScenarioResult r : runs) {
      if (!r.id().equals(m.id())) {
        throw new IllegalArgumentException(
            "runs of different scenarios: " + r.id() + " and " + m.id());
      }
      walls.add(r.wallS());
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
        walls);
  }

  /** The fastest and the slowest run's wall time. */
  double minWallS() {
    return wallsS.stream().mapToDouble(Double::doubleValue).min().orElse(wallS);
  }

  double maxWallS() {
    return wallsS.stream().mapToDouble(Double::doubleValue).max().orElse(wallS);
  }
}

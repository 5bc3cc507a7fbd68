package io.testlanes.benchmarks;

/**
 * What one whole-suite scenario measured. Times in seconds; when only a subset of the suite ran
 * ({@code scale > 1}), every time and CPU figure is the measured one times {@code scale}.
 *
 * @param servicesReadyS from launching the (first) test JVM to the last service answering its round
 *     trip: JVM start, discovery, the run host, the services (for per-class scenarios: the mean per
 *     class)
 * @param startServicesS the part of the wall spent until services were ready (summed over steps)
 * @param prepareLanesS time during which a lane was being prepared (union of the intervals)
 * @param runTestsS the rest of the wall
 * @param stopServicesS stopping services within the run (only where they stop per class)
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
    double cpuTestJvmsS,
    double cpuServicesS,
    long peakTestJvmsRssMb,
    long peakServicesRssMb,
    boolean passed) {}

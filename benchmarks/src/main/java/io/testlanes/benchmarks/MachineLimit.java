package io.testlanes.benchmarks;

/**
 * The shortest wall time the machine allows a parallel run, and how close a run came to it: the run
 * needs at least its CPU seconds spread over every core, and at least its longest class (a class
 * runs on one worker; measured alone, at one worker).
 *
 * @param cpuBoundS CPU seconds of the test JVMs, the host and the services, divided by the cores
 * @param longestClassS the longest class's time at one worker
 * @param wallS the run's wall time
 */
record MachineLimit(double cpuBoundS, double longestClassS, double wallS) {

  /** The limit of run {@code r} on a machine with {@code cores}. */
  static MachineLimit of(ScenarioResult r, int cores, double longestClassAloneS) {
    if (cores < 1) {
      throw new IllegalArgumentException("a machine has at least one core, got " + cores);
    }
    return new MachineLimit(r.cpu().total() / cores, longestClassAloneS, r.wallS());
  }

  /** The larger bound. */
  double limitS() {
    return Math.max(cpuBoundS, longestClassS);
  }

  /** Which bound decides: {@code "CPU"} or {@code "longest class"}. */
  String boundBy() {
    return cpuBoundS >= longestClassS ? "CPU" : "longest class";
  }

  /** Wall time over the limit: 1.0 is as fast as the machine allows. */
  double wallOverLimit() {
    return Ratios.ratio(wallS, limitS());
  }
}

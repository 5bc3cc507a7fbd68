package io.testlanes.benchmarks;

/**
 * When a scenario's tests ran within its wall time, from the run report parts of its test JVMs
 * (summed over the steps of a scenario with several). Seconds.
 *
 * @param testlanesWallS the run's wall time as testlanes reports it: first JVM start or setup phase
 *     to the last JVM's end of tests
 * @param testTimeS the test classes' times summed (each class from its start to its end)
 * @param beforeFirstTestS from launching the test JVMs to the first test class starting: JVM start,
 *     discovery, services, lanes
 * @param afterLastTestS from the last test class ending to the last test JVM's exit
 * @param longestClass the class that took longest
 * @param longestClassS its time
 */
record TestWindow(
    double testlanesWallS,
    double testTimeS,
    double beforeFirstTestS,
    double afterLastTestS,
    String longestClass,
    double longestClassS) {

  static final TestWindow NONE = new TestWindow(0, 0, 0, 0, "", 0);

  /** Wall time in which no test class ran: before the first and after the last. */
  double outsideS() {
    return beforeFirstTestS + afterLastTestS;
  }

  /** This window followed by {@code next} (the next step of a scenario). */
  TestWindow then(TestWindow next) {
    boolean nextLonger = next.longestClassS > longestClassS;
    return new TestWindow(
        testlanesWallS + next.testlanesWallS,
        testTimeS + next.testTimeS,
        beforeFirstTestS + next.beforeFirstTestS,
        afterLastTestS + next.afterLastTestS,
        nextLonger ? next.longestClass : longestClass,
        Math.max(longestClassS, next.longestClassS));
  }

  TestWindow times(double k) {
    return new TestWindow(
        k * testlanesWallS,
        k * testTimeS,
        k * beforeFirstTestS,
        k * afterLastTestS,
        longestClass,
        longestClassS);
  }
}

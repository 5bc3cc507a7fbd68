package io.testlanes.benchmarks;

/**
 * CPU seconds a scenario's processes used, by process: the test JVMs, the run's service host, each
 * service (Cassandra is its own JVM) and the rest (container shims, helpers).
 */
record CpuSeconds(
    double testJvms, double host, double postgres, double redis, double cassandra, double other) {

  static final CpuSeconds ZERO = new CpuSeconds(0, 0, 0, 0, 0, 0);

  /** Everything but the test JVMs: the host, the services and their helpers. */
  double services() {
    return host + postgres + redis + cassandra + other;
  }

  double total() {
    return testJvms + services();
  }

  CpuSeconds times(double k) {
    return new CpuSeconds(
        k * testJvms, k * host, k * postgres, k * redis, k * cassandra, k * other);
  }
}

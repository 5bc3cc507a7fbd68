package io.testlanes.junit.internal.report;

import org.jspecify.annotations.Nullable;

/**
 * One top-level test class as it ran in one JVM: its lane if the class as a whole reported one, the
 * JVM, the class container's start and end (epoch milliseconds) and its outcome (the worst of the
 * container and its tests).
 */
record ClassRecord(
    String className, @Nullable String lane, long pid, long start, long end, Outcome outcome) {

  long millis() {
    return end - start;
  }
}

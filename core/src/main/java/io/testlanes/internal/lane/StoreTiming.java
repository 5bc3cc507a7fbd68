package io.testlanes.internal.lane;

import io.testlanes.config.Service;
import java.time.Duration;

/**
 * What one store did for one lane operation, and how long it took.
 *
 * @param service the store
 * @param took wall time of the store's part of the operation
 * @param detail what was done, for logs and reports: {@code cloned lane_2 from
 *     testlanes_tpl_1a2b3c4d (file_copy)}, {@code truncated 3 of 5 tables}
 */
public record StoreTiming(Service service, Duration took, String detail) {

  static StoreTiming since(Service service, long startNanos, String detail) {
    return new StoreTiming(service, Duration.ofNanos(System.nanoTime() - startNanos), detail);
  }

  /** {@code postgres 12.3 ms (cloned lane_2 ...)}. */
  @Override
  public String toString() {
    return service.id() + " " + millis(took) + " (" + detail + ")";
  }

  static String millis(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }
}

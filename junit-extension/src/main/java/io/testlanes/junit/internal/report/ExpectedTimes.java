package io.testlanes.junit.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long each test class is expected to take, from the timings file: its recorded time, or the
 * median of the recorded times for a class without one; 0 for every class when nothing is recorded.
 *
 * @param recorded class name to milliseconds
 */
public record ExpectedTimes(Map<String, Long> recorded) {
  /** No recorded times: every class expects 0. */
  public static final ExpectedTimes NONE = new ExpectedTimes(Map.of());

  public ExpectedTimes {
    recorded = Map.copyOf(recorded);
  }

  /**
   * The times recorded in {@code timingsFile}; {@link #NONE} if it does not exist.
   *
   * @throws IllegalArgumentException if it is not a timings file (see {@link Timings#read})
   * @throws java.io.UncheckedIOException if it cannot be read
   */
  public static ExpectedTimes read(Path timingsFile) {
    return new ExpectedTimes(Timings.read(timingsFile));
  }

  public boolean isEmpty() {
    return recorded.isEmpty();
  }

  /** The expected milliseconds of {@code className}. */
  public long millis(String className) {
    Long t = recorded.get(className);
    return t != null ? t : median();
  }

  private long median() {
    if (recorded.isEmpty()) {
      return 0;
    }
    List<Long> all = new ArrayList<>(recorded.values());
    all.sort(null);
    return all.get(all.size() / 2);
  }
}

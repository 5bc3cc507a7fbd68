package io.testlanes.junit;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Settings;
import io.testlanes.junit.internal.plan.JunitSettings;
import io.testlanes.junit.internal.report.Timings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Orders test classes longest first, by the times the last runs recorded ({@code
 * testlanes.timings.file}), so that a long class starts at once instead of deciding the wall time
 * by starting last (longest processing time first: the classic rule for spreading jobs over
 * workers). Classes without a recorded time count as the median one. Enable it in {@code
 * junit-platform.properties}:
 *
 * <pre>
 * junit.jupiter.testclass.order.default=io.testlanes.junit.LongestClassesFirst
 * </pre>
 *
 * With class-level parallelism JUnit hands the first classes to idle workers first, so the order
 * decides which classes start early. Without recorded timings (or with a timings file that cannot
 * be read, which it says on standard error) the order is left as it was.
 */
public final class LongestClassesFirst implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    Settings settings =
        Settings.load(ConfigSource.of(JunitSettings.PARAMETER, context::getConfigurationParameter));
    Map<String, Long> timings;
    try {
      timings = Timings.read(settings.timingsFile());
    } catch (RuntimeException e) {
      System.err.println("[testlanes] classes run in their usual order: " + e.getMessage());
      return;
    }
    if (timings.isEmpty()) {
      return;
    }
    long median = median(timings);
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparingLong(
                    (ClassDescriptor c) -> timings.getOrDefault(c.getTestClass().getName(), median))
                .reversed());
  }

  private static long median(Map<String, Long> timings) {
    List<Long> all = new ArrayList<>(timings.values());
    all.sort(null);
    return all.get(all.size() / 2);
  }
}

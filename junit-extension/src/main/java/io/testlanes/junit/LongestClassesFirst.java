package io.testlanes.junit;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Settings;
import io.testlanes.junit.internal.plan.JunitSettings;
import io.testlanes.junit.internal.report.ExpectedTimes;
import java.util.Comparator;
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
 * With class-level parallelism JUnit starts more classes at once than there are workers when its
 * threads block, and the classes then wait for a lane: with this orderer, the extension gives the
 * next free lane to the waiting class expected to take longest, so the order holds there too.
 * Without recorded timings (or with a timings file that cannot be read, which it says on standard
 * error) the order is left as it was.
 */
public final class LongestClassesFirst implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    Settings settings =
        Settings.load(ConfigSource.of(JunitSettings.PARAMETER, context::getConfigurationParameter));
    ExpectedTimes expected;
    try {
      expected = ExpectedTimes.read(settings.timingsFile());
    } catch (RuntimeException e) {
      System.err.println("[testlanes] classes run in their usual order: " + e.getMessage());
      return;
    }
    if (expected.isEmpty()) {
      return;
    }
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparingLong(
                    (ClassDescriptor c) -> expected.millis(c.getTestClass().getName()))
                .reversed());
  }
}

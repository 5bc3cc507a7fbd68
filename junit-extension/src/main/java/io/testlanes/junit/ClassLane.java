package io.testlanes.junit;

import io.testlanes.Lane;
import io.testlanes.junit.internal.LaneContexts;
import io.testlanes.junit.internal.report.ReportEntries;
import io.testlanes.run.TestRun;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lane of a running {@link TestLanes} test class, for integrations that set up a class's
 * resources from code JUnit does not call with an {@code ExtensionContext}: the Spring module
 * builds a class's application context when Spring's own extension asks for it, which may be before
 * or after the testlanes extension's callbacks for the class.
 *
 * <p>There is one lease per outermost class, whoever asks first: this class or the extension. It
 * lives in the class's JUnit store and is released when the class ends, whatever happened. A lane
 * leased here is pinned to the class: the class's methods use it, and must not run concurrently
 * with each other (a test that would fails with the fix).
 */
public final class ClassLane {
  private final ExtensionContext context;
  private final Lane lane;

  private ClassLane(ExtensionContext context, Lane lane) {
    this.context = context;
    this.lane = lane;
  }

  /**
   * The lane of the running test class {@code testClass} (a {@code @Nested} class shares its
   * outermost class's), leased now if the class holds none yet: one of {@code preferred} if one is
   * free, else the lowest free lane; reset at lease unless the class's reset mode is {@code none};
   * the class's own data ({@link TestLanes#data()}) run in it.
   *
   * @throws IllegalStateException if {@code testClass} is not a {@code @TestLanes} class running
   *     now in a JUnit Jupiter execution of this JVM, or no lane became free in time
   */
  public static ClassLane lease(Class<?> testClass, Set<Integer> preferred) {
    ExtensionContext c = LaneContexts.running(testClass);
    return new ClassLane(
        c, LaneContexts.leaseForClass(c, TestLanesExtension.optionsOf(c), preferred));
  }

  /** The lane the running test class {@code testClass} holds now, if it runs and holds one. */
  public static Optional<ClassLane> held(Class<?> testClass) {
    Optional<ExtensionContext> c = LaneContexts.findRunning(testClass);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    return LaneContexts.heldByClass(c.get()).map(lane -> new ClassLane(c.get(), lane));
  }

  /** The lane's facts. */
  public Lane lane() {
    return lane;
  }

  /** The test run the lane belongs to (its settings, clients). */
  public TestRun run() {
    return LaneContexts.run(context);
  }

  /** The test class this view was asked for. */
  public Class<?> testClass() {
    return context.getRequiredTestClass();
  }

  /**
   * The reset step before a test of this class: resets the lane to the template's state (and runs
   * the class's data scripts again) when the reset mode is {@code test} and an earlier test used
   * it. Done once per test, whether this or the extension's {@code beforeEach} comes first, so an
   * integration can make it happen before its own per-test setup (Spring's {@code @Sql} scripts,
   * test transactions).
   */
  public void beforeTest() {
    LaneContexts.beforeTestOfClass(context, TestLanesExtension.optionsOf(context));
  }

  /**
   * Reports, for the run report, that this class got an application context (or another costly
   * per-lane resource) of {@code configuration}: {@code created} for this lane, or reused.
   *
   * @param configuration a short, stable description of the configuration, such as {@code
   *     ShopApplication} or {@code ShopApplication + @MockitoBean PaymentGateway}
   */
  public void reportContext(String configuration, boolean created) {
    context.publishReportEntry(
        ReportEntries.CONTEXT, ReportEntries.contextValue(configuration, created));
  }

  @Override
  public String toString() {
    return lane.name() + " of " + context.getRequiredTestClass().getName();
  }
}

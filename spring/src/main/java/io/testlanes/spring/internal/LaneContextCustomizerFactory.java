package io.testlanes.spring.internal;

import io.testlanes.junit.ClassLane;
import io.testlanes.junit.TestLanes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Puts the lane of a {@code @TestLanes} test class into its context's cache key: leases the class's
 * lane (preferring lanes that already have a context of the class's configuration) and returns a
 * customizer that carries it. Registered in {@code META-INF/spring.factories}; Spring calls it once
 * per test class, when it builds the class's configuration, before any context is looked up.
 */
final class LaneContextCustomizerFactory implements ContextCustomizerFactory {
  /** The customizer of each test class of the running executions, for the listener. */
  private static final Map<Class<?>, LaneContextCustomizer> BY_CLASS = new ConcurrentHashMap<>();

  @Override
  public @Nullable ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    if (Configurations.building()
        || !TestContextAnnotationUtils.hasAnnotation(testClass, TestLanes.class)) {
      return null;
    }
    MergedContextConfiguration withoutLane = Configurations.withoutLane(testClass);
    Set<Integer> preferred = new LinkedHashSet<>();
    for (int lane : ContextRegistry.lanes(withoutLane)) {
      if (lane >= 1) {
        preferred.add(lane);
      }
    }
    ClassLane classLane = ClassLane.lease(testClass, preferred);
    LaneContextCustomizer customizer =
        new LaneContextCustomizer(
            classLane.lane(),
            classLane.run().services(),
            classLane.run().settings(),
            withoutLane,
            Configurations.label(withoutLane));
    BY_CLASS.put(testClass, customizer);
    return customizer;
  }

  /** The customizer Spring got for {@code testClass}, if it has one. */
  static @Nullable LaneContextCustomizer of(Class<?> testClass) {
    return BY_CLASS.get(testClass);
  }
}

package io.testlanes.spring.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestContextBootstrapper;
import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;
import org.springframework.test.context.support.DefaultBootstrapContext;
import org.springframework.test.context.support.DefaultTestContextBootstrapper;

/**
 * A test class's configuration without its lane: the key under which its contexts are found by
 * lane, for lane affinity. Built by the class's own bootstrapper, with the lane customizer switched
 * off for that call, so that everything else that makes Spring's cache key (classes, properties,
 * profiles, {@code @MockitoBean}s, other customizers) is in it; and given a short label for the run
 * report.
 */
final class Configurations {
  private static final ThreadLocal<Boolean> BUILDING = ThreadLocal.withInitial(() -> false);
  private static final Map<MergedContextConfiguration, String> LABELS = new ConcurrentHashMap<>();

  private Configurations() {}

  /** Whether this thread is building a configuration without its lane now. */
  static boolean building() {
    return BUILDING.get();
  }

  /** The configuration of {@code testClass} as Spring merges it, without the lane. */
  static MergedContextConfiguration withoutLane(Class<?> testClass) {
    BootstrapWith with =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, BootstrapWith.class);
    Class<? extends TestContextBootstrapper> type =
        with == null ? DefaultTestContextBootstrapper.class : with.value();
    TestContextBootstrapper bootstrapper = BeanUtils.instantiateClass(type);
    bootstrapper.setBootstrapContext(
        new DefaultBootstrapContext(testClass, new DefaultCacheAwareContextLoaderDelegate()));
    BUILDING.set(true);
    try {
      return bootstrapper.buildMergedContextConfiguration();
    } finally {
      BUILDING.set(false);
    }
  }

  /**
   * A short label of {@code configuration} for the report: its configuration classes' simple names;
   * a second configuration of the same classes (other properties, {@code @MockitoBean}s) is named
   * after the first test class that used it.
   */
  static String label(MergedContextConfiguration configuration) {
    StringBuilder base = new StringBuilder();
    for (Class<?> c : configuration.getClasses()) {
      base.append(base.length() == 0 ? "" : " + ").append(c.getSimpleName());
    }
    if (base.length() == 0) {
      base.append(configuration.getTestClass().getSimpleName());
    }
    String name = base.toString();
    synchronized (LABELS) {
      String label = LABELS.get(configuration);
      if (label == null) {
        label =
            LABELS.containsValue(name)
                ? name + " as in " + configuration.getTestClass().getSimpleName()
                : name;
        LABELS.put(configuration, label);
      }
      return label;
    }
  }
}

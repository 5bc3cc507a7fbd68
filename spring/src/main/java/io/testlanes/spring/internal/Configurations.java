package io.testlanes.spring.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.BeanUtils;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestContextBootstrapper;
import org.springframework.test.context.bean.override.BeanOverrideHandler;
import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;
import org.springframework.test.context.support.DefaultBootstrapContext;
import org.springframework.test.context.support.DefaultTestContextBootstrapper;

/**
 * A test class's configuration without its lane: the key under which its contexts are found by
 * lane, for lane affinity. Built by the class's own bootstrapper, with the lane customizer switched
 * off for that call, so that everything else that makes Spring's cache key (classes, properties,
 * profiles, {@code @MockitoBean}s, other customizers) is in it; and given a short label for the run
 * report that says what the configuration is.
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
   * A short label of {@code configuration} for the report, the same in every JVM of a run: its
   * configuration classes' simple names, then in brackets what sets it apart from the plain
   * configuration of those classes: bean overrides ({@code @MockitoBean PaymentGateway}), active
   * profiles and inlined properties ({@code server.port=0} for a random port). A configuration
   * whose label another one already has (they differ in what the label leaves out, e.g. a {@code
   * DynamicPropertySource}) is named after the first test class that used it.
   */
  static String label(MergedContextConfiguration configuration) {
    String name = describe(configuration);
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

  /** The label of {@code configuration} without regard to other configurations. */
  static String describe(MergedContextConfiguration configuration) {
    Class<?> testClass = configuration.getTestClass();
    String classes =
        Stream.of(configuration.getClasses())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(" + "));
    Set<String> traits = new LinkedHashSet<>(overrides(testClass));
    if (configuration.getActiveProfiles().length > 0) {
      traits.add("profiles " + String.join(", ", configuration.getActiveProfiles()));
    }
    for (String property : configuration.getPropertySourceProperties()) {
      // Spring's and Boot's own markers (e.g. the bootstrapper's) are in every configuration.
      if (!property.startsWith("org.springframework.")) {
        traits.add(property);
      }
    }
    String name = classes.isEmpty() ? testClass.getSimpleName() : classes;
    return traits.isEmpty() ? name : name + " [" + String.join(", ", traits) + "]";
  }

  /**
   * The bean overrides of {@code testClass}, its superclasses and enclosing classes, as
   * {@code @MockitoBean PaymentGateway} (the annotation is named after its handler), sorted.
   */
  private static List<String> overrides(Class<?> testClass) {
    Set<String> found = new TreeSet<>();
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      for (BeanOverrideHandler handler : BeanOverrideHandler.forTestClass(c)) {
        String kind = handler.getClass().getSimpleName().replace("OverrideHandler", "");
        Class<?> type = handler.getBeanType().toClass();
        found.add("@" + kind + " " + type.getSimpleName());
      }
    }
    return List.copyOf(found);
  }
}

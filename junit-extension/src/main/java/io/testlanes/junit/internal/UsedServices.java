package io.testlanes.junit.internal;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which of the run's services the holder of a lane uses, read from the parameter types of its code:
 * {@code DataSource} is Postgres, {@code CqlSession} Cassandra, {@code JedisPooled} or {@code
 * UnifiedJedis} Redis. A holder that takes a {@link Lane} (and may connect anywhere with its facts)
 * or no client at all (its code connects by other means, such as a Spring context) uses every
 * service of the run.
 *
 * <p>A test class's lane serves all of its tests and its {@code @Nested} classes, so a class uses
 * what any method or constructor of it, its superclasses or its member classes takes. A method that
 * leases a lane of its own uses what it takes and what the constructors and lifecycle methods of
 * its class and the enclosing ones take.
 *
 * <p>When a service dies, the holders that use it fail before each test with the message of its
 * death, and the others go on.
 */
final class UsedServices {
  private UsedServices() {}

  static Set<Service> of(ExtensionContext owner, Set<Service> runServices) {
    Set<Class<?>> types = new HashSet<>();
    Class<?> testClass = owner.getRequiredTestClass();
    if (owner.getTestMethod().isPresent()) {
      addParameters(types, owner.getTestMethod().get());
      for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
        addLifecycle(types, c);
      }
    } else {
      addEverything(types, testClass, new HashSet<>());
    }
    Set<Service> used = EnumSet.noneOf(Service.class);
    for (Class<?> type : types) {
      if (type == Lane.class) {
        return runServices;
      }
      Service s = LaneContexts.serviceOf(type);
      if (s != null) {
        used.add(s);
      }
    }
    return used.isEmpty() ? runServices : used;
  }

  private static void addParameters(Set<Class<?>> types, Executable e) {
    types.addAll(List.of(e.getParameterTypes()));
  }

  /** Constructors and lifecycle methods of {@code c} and its superclasses. */
  private static void addLifecycle(Set<Class<?>> types, Class<?> c) {
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Executable e : k.getDeclaredConstructors()) {
        addParameters(types, e);
      }
      for (Method m : k.getDeclaredMethods()) {
        if (m.isAnnotationPresent(BeforeEach.class)
            || m.isAnnotationPresent(AfterEach.class)
            || m.isAnnotationPresent(BeforeAll.class)
            || m.isAnnotationPresent(AfterAll.class)) {
          addParameters(types, m);
        }
      }
    }
  }

  /** Every method and constructor of {@code c}, its superclasses and member classes. */
  private static void addEverything(Set<Class<?>> types, Class<?> c, Set<Class<?>> seen) {
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      if (!seen.add(k)) {
        continue;
      }
      for (Executable e : k.getDeclaredConstructors()) {
        addParameters(types, e);
      }
      for (Method m : k.getDeclaredMethods()) {
        addParameters(types, m);
      }
      for (Class<?> member : k.getDeclaredClasses()) {
        addEverything(types, member, seen);
      }
    }
  }
}

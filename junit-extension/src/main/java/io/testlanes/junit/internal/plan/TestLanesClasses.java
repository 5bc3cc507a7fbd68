package io.testlanes.junit.internal.plan;

import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Whether a test plan holds a {@code @TestLanes} class (on the class, a superclass or an enclosing
 * class). Matched by the annotation's name, so that this package does not depend on the API package
 * that depends on it.
 */
public final class TestLanesClasses {
  private static final String ANNOTATION = "io.testlanes.junit.TestLanes";

  private TestLanesClasses() {}

  /** Whether {@code plan} holds a class annotated (directly, inherited or by nesting). */
  public static boolean inPlan(TestPlan plan) {
    Deque<TestIdentifier> todo = new ArrayDeque<>(plan.getRoots());
    while (!todo.isEmpty()) {
      TestIdentifier id = todo.pop();
      Optional<TestSource> source = id.getSource();
      if (source.isPresent() && source.get() instanceof ClassSource cs) {
        try {
          if (annotated(cs.getJavaClass())) {
            return true;
          }
        } catch (RuntimeException | LinkageError e) {
          // a class that cannot be loaded is not ours to judge
        }
      }
      // A class may hold others: a suite's classes, @Nested ones.
      todo.addAll(plan.getChildren(id));
    }
    return false;
  }

  /** Whether {@code type} or an enclosing class carries the annotation (inherited ones count). */
  static boolean annotated(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      for (Annotation a : c.getAnnotations()) {
        if (a.annotationType().getName().equals(ANNOTATION)) {
          return true;
        }
      }
    }
    return false;
  }
}

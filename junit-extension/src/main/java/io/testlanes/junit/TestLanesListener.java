package io.testlanes.junit;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Settings;
import io.testlanes.junit.internal.LaneContexts;
import io.testlanes.run.TestRun;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the run's services as soon as a test plan that holds a {@code @TestLanes} class begins to
 * execute, in the background, so that they come up while the engine prepares; a plan without one
 * (or test discovery alone, as in an IDE listing tests) starts nothing. Registered through {@code
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener}: nobody needs to name it.
 */
public final class TestLanesListener implements TestExecutionListener {

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    LaneContexts.listenerStarted();
    if (!hasTestLanesClass(plan)) {
      return;
    }
    ClassLoader current = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = current == null ? TestLanesListener.class.getClassLoader() : current;
    Settings settings =
        LaneContexts.settings(
            ConfigSource.of(
                "JUnit configuration parameter", plan.getConfigurationParameters()::get),
            loader);
    TestRun.join(settings, loader).startInBackground();
  }

  static boolean hasTestLanesClass(TestPlan plan) {
    Deque<TestIdentifier> todo = new ArrayDeque<>(plan.getRoots());
    while (!todo.isEmpty()) {
      TestIdentifier id = todo.pop();
      Optional<TestSource> source = id.getSource();
      if (source.isPresent() && source.get() instanceof ClassSource cs) {
        try {
          for (Class<?> c = cs.getJavaClass(); c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(TestLanes.class)) {
              return true;
            }
          }
        } catch (RuntimeException | LinkageError e) {
          // a class that cannot be loaded is not ours to judge
        }
        continue;
      }
      todo.addAll(plan.getChildren(id));
    }
    return false;
  }
}

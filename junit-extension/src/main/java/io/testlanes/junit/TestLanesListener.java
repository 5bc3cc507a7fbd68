package io.testlanes.junit;

import io.testlanes.config.Settings;
import io.testlanes.junit.internal.LaneContexts;
import io.testlanes.junit.internal.plan.JunitSettings;
import io.testlanes.junit.internal.plan.TestLanesClasses;
import io.testlanes.run.TestRun;
import org.junit.platform.launcher.TestExecutionListener;
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
    if (!TestLanesClasses.inPlan(plan)) {
      return;
    }
    ClassLoader current = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = current == null ? TestLanesListener.class.getClassLoader() : current;
    Settings settings = JunitSettings.load(plan.getConfigurationParameters(), loader);
    TestRun.join(settings, loader).startInBackground();
  }
}

package io.testlanes.junit;

import io.testlanes.config.Settings;
import io.testlanes.junit.internal.plan.JunitSettings;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfigurationStrategy;

/**
 * Sets JUnit Jupiter's parallelism from {@code testlanes.workers}, so that one number sizes both
 * the worker threads and the lanes. Enable it in {@code junit-platform.properties}:
 *
 * <pre>
 * junit.jupiter.execution.parallel.enabled=true
 * junit.jupiter.execution.parallel.mode.classes.default=concurrent
 * junit.jupiter.execution.parallel.config.strategy=custom
 * junit.jupiter.execution.parallel.config.custom.class=io.testlanes.junit.TestLanesParallelism
 * </pre>
 *
 * JUnit's pool may still run more tests at once than this when tests block (junit5 #3108); the
 * extension therefore also caps the tests that hold a lane at {@code testlanes.workers}.
 */
public final class TestLanesParallelism implements ParallelExecutionConfigurationStrategy {

  /**
   * JUnit hands a strategy only the parameters under {@code
   * junit.jupiter.execution.parallel.config.}, so {@code testlanes.workers} is read from system
   * properties, the environment and {@code junit-platform.properties}; given to the launcher
   * directly it fails with the fix rather than being silently ignored.
   */
  @Override
  public ParallelExecutionConfiguration createConfiguration(ConfigurationParameters parameters) {
    Settings settings = JunitSettings.loadForParallelism(parameters.keySet());
    return new Configuration(settings.workers());
  }

  private static final class Configuration implements ParallelExecutionConfiguration {
    private final int workers;

    Configuration(int workers) {
      this.workers = workers;
    }

    @Override
    public int getParallelism() {
      return workers;
    }

    @Override
    public int getMinimumRunnable() {
      return workers;
    }

    @Override
    public int getMaxPoolSize() {
      return workers + 256;
    }

    @Override
    public int getCorePoolSize() {
      return workers;
    }

    @Override
    public int getKeepAliveSeconds() {
      return 30;
    }

    @Override
    public Predicate<? super ForkJoinPool> getSaturatePredicate() {
      return pool -> true;
    }
  }
}

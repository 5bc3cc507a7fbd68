package io.testlanes.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The pool size from {@code testlanes.workers}. JUnit hands a custom strategy only the parameters
 * under its prefix (its {@code PrefixedConfigurationParameters}): modelled here by parameters whose
 * {@code get} sees only prefixed names while {@code keySet} lists every name of the run.
 */
class TestLanesParallelismTest {

  private static ConfigurationParameters strategyView(Map<String, String> all) {
    String prefix = "junit.jupiter.execution.parallel.config.";
    return new ConfigurationParameters() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(all.get(prefix + key));
      }

      @Override
      public Optional<Boolean> getBoolean(String key) {
        return get(key).map(Boolean::parseBoolean);
      }

      // Abstract in JUnit 5 (deprecated), gone in JUnit 6: no @Override, so that both compile.
      @SuppressWarnings({"deprecation", "MissingOverride"})
      public int size() {
        return all.size();
      }

      @Override
      public Set<String> keySet() {
        return all.keySet();
      }
    };
  }

  @Test
  void workersFromASystemPropertySizeThePool() {
    System.setProperty("testlanes.workers", "3");
    try {
      assertThat(
              new TestLanesParallelism()
                  .createConfiguration(strategyView(Map.of("testlanes.workers", "3")))
                  .getParallelism())
          .isEqualTo(3);
    } finally {
      System.clearProperty("testlanes.workers");
    }
  }

  @Test
  void workersGivenToTheLauncherDirectlyFailWithTheFixInsteadOfBeingIgnored() {
    assertThatThrownBy(
            () ->
                new TestLanesParallelism()
                    .createConfiguration(strategyView(Map.of("testlanes.workers", "3"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "testlanes.workers is given as a configuration parameter of the launcher (such as"
                + " Surefire's <configurationParameters>), which JUnit does not hand to a"
                + " parallelism strategy: it could not size JUnit's pool. Fix: give it as a system"
                + " property (-Dtestlanes.workers=4, or Surefire's <systemPropertyVariables>), as"
                + " the environment variable TESTLANES_WORKERS, or in junit-platform.properties.");
  }
}

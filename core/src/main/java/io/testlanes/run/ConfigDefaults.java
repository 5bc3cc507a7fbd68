package io.testlanes.run;

import io.testlanes.config.ConfigSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Configuration defaults that an integration reads from the application's own configuration: the
 * Spring module names the template's schema from {@code spring.flyway.locations}, {@code
 * spring.liquibase.change-log} and {@code spring.sql.init.*}, so that nobody repeats them in
 * testlanes keys.
 *
 * <p>Implementations are found with {@link ServiceLoader} on the test class loader ({@code
 * META-INF/services/io.testlanes.run.ConfigDefaults}). Their sources come after every configured
 * source, so a testlanes key set anywhere (system property, environment, JUnit parameter) wins.
 */
public interface ConfigDefaults {

  /**
   * The defaults for the application whose classes and resources {@code loader} sees; a source that
   * sets nothing when there is nothing to say.
   */
  ConfigSource defaults(ClassLoader loader);

  /**
   * {@code configured} followed by the defaults of every implementation on {@code loader}: the
   * sources to load settings from.
   */
  static List<ConfigSource> after(List<ConfigSource> configured, ClassLoader loader) {
    List<ConfigSource> all = new ArrayList<>(configured);
    try {
      for (ConfigDefaults d : ServiceLoader.load(ConfigDefaults.class, loader)) {
        all.add(d.defaults(loader));
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "an integration's configuration defaults cannot be loaded ("
              + e.getMessage()
              + "): a testlanes integration jar (such as testlanes-spring) is on the test class path"
              + " without what it needs, or from another testlanes version. Fix: use the same"
              + " version of every testlanes jar, or remove the integration you do not use.",
          e);
    }
    return List.copyOf(all);
  }
}

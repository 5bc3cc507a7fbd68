package io.testlanes.junit.internal.plan;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.run.ConfigDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * testlanes' settings as a JUnit run sees them: system properties, environment variables, then
 * JUnit configuration parameters (the precedence of {@link Keys}), every {@code testlanes.*} name
 * among them checked against the keys.
 *
 * <p>JUnit's {@link ConfigurationParameters#keySet()} (Platform 1.9 and later, so on every JUnit
 * testlanes supports) lists every parameter: explicit ones, system properties and {@code
 * junit-platform.properties}. An extension's context cannot list them, so {@link
 * #load(ExtensionContext, ClassLoader)} checks the names in the {@code junit-platform.properties}
 * JUnit reads; a misspelt parameter given to the launcher directly (a build tool's or IDE's option)
 * is found by the launcher-side loads ({@link #load(ConfigurationParameters)}), such as the shard
 * filter at discovery.
 */
public final class JunitSettings {
  /** How a JUnit configuration parameter is named in errors. */
  public static final String PARAMETER = "JUnit configuration parameter";

  private JunitSettings() {}

  /**
   * Settings from system properties, the environment and {@code parameters}, whose names are all
   * checked.
   *
   * @throws ConfigurationException if a value is invalid or a name is no key
   */
  public static Settings load(ConfigurationParameters parameters) {
    return load(parameters, contextLoader());
  }

  /**
   * As {@link #load(ConfigurationParameters)}, followed by the defaults integrations read from the
   * application on {@code loader} ({@link ConfigDefaults}).
   */
  public static Settings load(ConfigurationParameters parameters, ClassLoader loader) {
    return load(ConfigSource.of(PARAMETER, parameters::get, parameters::keySet), loader);
  }

  /**
   * Settings from system properties, the environment and {@code context}'s configuration
   * parameters; the names checked are those of the {@code junit-platform.properties} on the context
   * class loader, the file JUnit reads.
   *
   * @throws ConfigurationException if a value is invalid or a name is no key
   */
  public static Settings load(ExtensionContext context, ClassLoader loader) {
    return load(
        ConfigSource.of(
            PARAMETER, context::getConfigurationParameter, JunitSettings::propertiesFileNames),
        loader);
  }

  private static Settings load(ConfigSource junit, ClassLoader loader) {
    return Settings.load(
        ConfigDefaults.after(
            List.of(ConfigSource.systemProperties(), ConfigSource.environment(), junit), loader));
  }

  private static ClassLoader contextLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader == null ? JunitSettings.class.getClassLoader() : loader;
  }

  /**
   * Settings for a parallelism strategy, which JUnit hands only the parameters under {@code
   * junit.jupiter.execution.parallel.config.}: system properties, the environment and the {@code
   * junit-platform.properties} JUnit reads.
   *
   * @param names every parameter name of the run ({@code keySet()} of the strategy's parameters)
   * @throws ConfigurationException if {@link Keys#WORKERS} is among {@code names} but was given to
   *     the launcher directly (a build tool's or IDE's option), where the strategy cannot read it
   */
  public static Settings loadForParallelism(Set<String> names) {
    Properties file = propertiesFile();
    Settings settings =
        Settings.load(
            ConfigSource.of(
                PARAMETER + " (junit-platform.properties)",
                key -> Optional.ofNullable(file.getProperty(key)),
                file::stringPropertyNames));
    if (names.contains(Keys.WORKERS) && !settings.given().containsKey(Keys.WORKERS)) {
      throw new ConfigurationException(
          Keys.WORKERS,
          null,
          Keys.WORKERS
              + " is given as a configuration parameter of the launcher (such as Surefire's"
              + " <configurationParameters>), which JUnit does not hand to a parallelism strategy:"
              + " it could not size JUnit's pool. Fix: give it as a system property (-D"
              + Keys.WORKERS
              + "=4, or Surefire's <systemPropertyVariables>), as the environment variable "
              + ConfigSource.envName(Keys.WORKERS)
              + ", or in junit-platform.properties.");
    }
    return settings;
  }

  /**
   * The names in the first {@code junit-platform.properties} of the context class loader, as JUnit
   * finds it; none without one.
   */
  private static Set<String> propertiesFileNames() {
    return propertiesFile().stringPropertyNames();
  }

  private static Properties propertiesFile() {
    URL url = contextLoader().getResource(ConfigurationParameters.CONFIG_FILE_NAME);
    Properties properties = new Properties();
    if (url == null) {
      return properties;
    }
    try {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      try (InputStream in = connection.getInputStream()) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JUnit configuration file " + url, e);
    }
    return properties;
  }
}

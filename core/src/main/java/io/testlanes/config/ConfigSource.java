package io.testlanes.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A place configuration values are read from, such as system properties or JUnit parameters. */
public interface ConfigSource {

  /** The value of {@code key}, if this source sets it. */
  Optional<String> get(String key);

  /** How a value from this source is described in errors, e.g. {@code system property}. */
  String describe(String key);

  /** JVM system properties. */
  static ConfigSource systemProperties() {
    return new ConfigSource() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(System.getProperty(key));
      }

      @Override
      public String describe(String key) {
        return "system property -D" + key;
      }
    };
  }

  /**
   * Environment variables: {@code testlanes.docker.redisImage} is {@code
   * TESTLANES_DOCKER_REDISIMAGE}.
   */
  static ConfigSource environment() {
    return environment(System.getenv());
  }

  /** The given environment, read as by {@link #environment()}. */
  static ConfigSource environment(Map<String, String> env) {
    return new ConfigSource() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(env.get(envName(key)));
      }

      @Override
      public String describe(String key) {
        return "environment variable " + envName(key);
      }
    };
  }

  /** The environment variable name of a key: upper case, dots replaced by underscores. */
  static String envName(String key) {
    return key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  /** Values looked up by a function, e.g. JUnit's {@code ConfigurationParameters::get}. */
  static ConfigSource of(String description, Function<String, Optional<String>> lookup) {
    return new ConfigSource() {
      @Override
      public Optional<String> get(String key) {
        return lookup.apply(key);
      }

      @Override
      public String describe(String key) {
        return description + " " + key;
      }
    };
  }

  /** A fixed map of values, described as {@code description}. */
  static ConfigSource of(String description, Map<String, String> values) {
    return of(description, key -> Optional.ofNullable(values.get(key)));
  }
}

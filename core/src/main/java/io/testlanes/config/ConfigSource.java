package io.testlanes.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** A place configuration values are read from, such as system properties or JUnit parameters. */
public interface ConfigSource {

  /** The value of {@code key}, if this source sets it. */
  Optional<String> get(String key);

  /** How a value from this source is described in errors, e.g. {@code system property}. */
  String describe(String key);

  /**
   * The names of the values this source holds, spelt as in the source ({@link #nameOf}), so that a
   * misspelt key can be reported; empty when the source cannot list them. Names outside testlanes'
   * prefix are ignored.
   */
  default Set<String> names() {
    return Set.of();
  }

  /** How {@code key} is spelt in this source: the key itself unless the source says otherwise. */
  default String nameOf(String key) {
    return key;
  }

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

      @Override
      public Set<String> names() {
        return System.getProperties().stringPropertyNames();
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

      @Override
      public Set<String> names() {
        return env.keySet();
      }

      @Override
      public String nameOf(String key) {
        return envName(key);
      }
    };
  }

  /** The environment variable name of a key: upper case, dots replaced by underscores. */
  static String envName(String key) {
    return key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Values looked up by a function, e.g. JUnit's {@code ConfigurationParameters::get}, from a
   * source that cannot list its names (so misspelt keys in it go unnoticed).
   */
  static ConfigSource of(String description, Function<String, Optional<String>> lookup) {
    return of(description, lookup, Set::of);
  }

  /**
   * Values looked up by a function, from a source whose names {@code names} lists, e.g. JUnit's
   * {@code ConfigurationParameters::get} and {@code ConfigurationParameters::keySet}.
   */
  static ConfigSource of(
      String description,
      Function<String, Optional<String>> lookup,
      Supplier<? extends Collection<String>> names) {
    return new ConfigSource() {
      @Override
      public Optional<String> get(String key) {
        return lookup.apply(key);
      }

      @Override
      public String describe(String key) {
        return description + " " + key;
      }

      @Override
      public Set<String> names() {
        return Set.copyOf(names.get());
      }
    };
  }

  /** A fixed map of values, described as {@code description}. */
  static ConfigSource of(String description, Map<String, String> values) {
    return of(description, key -> Optional.ofNullable(values.get(key)), values::keySet);
  }
}

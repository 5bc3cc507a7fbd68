package io.testlanes.spring.internal;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.run.ConfigDefaults;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.StandardEnvironment;

/**
 * The template's schema from the Spring Boot application's own configuration: {@code
 * application.properties}/{@code .yml} (and the profiles they activate), system properties and
 * environment, loaded by Spring Boot itself. Registered through {@code
 * META-INF/services/io.testlanes.run.ConfigDefaults}; testlanes keys set anywhere win.
 */
public final class SpringConfigDefaults implements ConfigDefaults {

  @Override
  public ConfigSource defaults(ClassLoader loader) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    SpringSchema schema = read(loader);
    if (!schema.sqlInit().isEmpty()) {
      values.put(Keys.POSTGRES_SCHEMA, String.join(",", schema.sqlInit()));
      from.put(Keys.POSTGRES_SCHEMA, "spring.sql.init.schema-locations and data-locations");
    }
    if (!schema.flyway().isEmpty()) {
      values.put(Keys.POSTGRES_FLYWAY, String.join(",", schema.flyway()));
      from.put(Keys.POSTGRES_FLYWAY, "spring.flyway.locations");
    }
    schema
        .liquibase()
        .ifPresent(
            l -> {
              values.put(Keys.POSTGRES_LIQUIBASE, l);
              from.put(Keys.POSTGRES_LIQUIBASE, "spring.liquibase.change-log");
            });
    return new ConfigSource() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
      }

      @Override
      public String describe(String key) {
        return "the Spring Boot application's "
            + from.getOrDefault(key, "configuration")
            + " (read by testlanes-spring for "
            + key
            + ")";
      }
    };
  }

  /** The application's schema as Spring Boot would load its configuration with {@code loader}. */
  static SpringSchema read(ClassLoader loader) {
    StandardEnvironment environment = new StandardEnvironment();
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      ConfigDataEnvironmentPostProcessor.applyTo(environment);
    } finally {
      thread.setContextClassLoader(before);
    }
    return SpringSchema.of(environment, loader);
  }
}

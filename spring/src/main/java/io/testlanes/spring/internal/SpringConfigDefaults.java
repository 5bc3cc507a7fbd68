package io.testlanes.spring.internal;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.run.ConfigDefaults;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The template's schema from the Spring Boot application's own configuration: {@code
 * application.properties}/{@code .yml} (and the profiles they activate), system properties and
 * environment, loaded by Spring Boot itself. Registered through {@code
 * META-INF/services/io.testlanes.run.ConfigDefaults}; testlanes keys set anywhere win. It names no
 * Spring type itself, so that the service loader can make it on a class path without Spring Boot
 * (where it says nothing).
 */
public final class SpringConfigDefaults implements ConfigDefaults {

  /** A class Spring Boot's configuration loading needs; absent, there is no application to read. */
  private static final String SPRING_BOOT = "org.springframework.boot.SpringApplication";

  @Override
  public ConfigSource defaults(ClassLoader loader) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    if (!present(SPRING_BOOT, loader)) {
      return ConfigSource.of("testlanes-spring (Spring Boot is not on the class path)", values);
    }
    SpringSchema schema = SpringSchema.read(loader);
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

  private static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}

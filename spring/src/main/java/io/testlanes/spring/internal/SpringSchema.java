package io.testlanes.spring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * What a Spring Boot application runs against its database when its context starts, read from its
 * environment the way Boot's auto-configuration reads it: Flyway locations, the Liquibase
 * changelog, and the {@code spring.sql.init} scripts (when their mode is {@code always}; Boot runs
 * them only on embedded databases otherwise). Only what would really run counts: the tool and
 * Boot's auto-configuration for it on the classpath, not switched off, and the files there.
 *
 * @param flyway Flyway locations ({@code classpath:db/migration}), {@code {vendor}} resolved
 * @param liquibase the Liquibase changelog location
 * @param sqlInit the schema then data scripts, as classpath resource paths
 */
record SpringSchema(List<String> flyway, Optional<String> liquibase, List<String> sqlInit) {

  SpringSchema {
    flyway = List.copyOf(flyway);
    sqlInit = List.copyOf(sqlInit);
  }

  boolean isEmpty() {
    return flyway.isEmpty() && liquibase.isEmpty() && sqlInit.isEmpty();
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
    return of(environment, loader);
  }

  static SpringSchema of(ConfigurableEnvironment environment, ClassLoader loader) {
    Binder binder = Binder.get(environment);
    return new SpringSchema(
        flyway(binder, loader), liquibase(binder, loader), sqlInit(binder, loader));
  }

  /** The bound value, or {@code fallback}. */
  private static <T> T or(BindResult<T> result, T fallback) {
    return result.isBound() ? result.get() : fallback;
  }

  private static boolean present(ClassLoader loader, String... classes) {
    for (String c : classes) {
      if (!ClassUtils.isPresent(c, loader)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyPresent(ClassLoader loader, String... classes) {
    for (String c : classes) {
      if (ClassUtils.isPresent(c, loader)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> flyway(Binder binder, ClassLoader loader) {
    if (!present(loader, "org.flywaydb.core.Flyway")
        || !anyPresent(
            loader,
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration")
        || !or(binder.bind("spring.flyway.enabled", Boolean.class), true)) {
      return List.of();
    }
    List<String> locations =
        or(
            binder.bind("spring.flyway.locations", Bindable.listOf(String.class)),
            List.of("classpath:db/migration"));
    List<String> out = new ArrayList<>();
    for (String l : locations) {
      String location = l.trim().replace("{vendor}", "postgresql");
      if (location.startsWith("classpath:") && hasResources(location, loader, "**/*.sql")) {
        out.add(location);
      }
    }
    return out;
  }

  private static Optional<String> liquibase(Binder binder, ClassLoader loader) {
    if (!present(loader, "liquibase.integration.spring.SpringLiquibase")
        || !anyPresent(
            loader,
            "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
            "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration")
        || !or(binder.bind("spring.liquibase.enabled", Boolean.class), true)) {
      return Optional.empty();
    }
    String changelog =
        or(
            binder.bind("spring.liquibase.change-log", String.class),
            "classpath:/db/changelog/db.changelog-master.yaml");
    Resource r = new DefaultResourceLoader(loader).getResource(changelog);
    return r.exists() ? Optional.of(changelog) : Optional.empty();
  }

  private static List<String> sqlInit(Binder binder, ClassLoader loader) {
    String mode = or(binder.bind("spring.sql.init.mode", String.class), "embedded");
    if (!mode.trim().toLowerCase(Locale.ROOT).equals("always")) {
      return List.of();
    }
    String platform = or(binder.bind("spring.sql.init.platform", String.class), "all");
    List<String> out = new ArrayList<>();
    for (String kind : List.of("schema", "data")) {
      List<String> locations =
          or(
              binder.bind("spring.sql.init." + kind + "-locations", Bindable.listOf(String.class)),
              List.of(
                  "optional:classpath*:" + kind + "-" + platform + ".sql",
                  "optional:classpath*:" + kind + ".sql"));
      for (String l : locations) {
        String location = l.trim();
        boolean optional = location.startsWith("optional:");
        if (optional) {
          location = location.substring("optional:".length());
        }
        String path = location.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
        if (!optional || loader.getResource(path) != null) {
          out.add(path);
        }
      }
    }
    return out;
  }

  private static boolean hasResources(String location, ClassLoader loader, String pattern) {
    String folder = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
    try {
      return new PathMatchingResourcePatternResolver(loader)
              .getResources("classpath*:" + folder + "/" + pattern)
              .length
          > 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + location, e);
    }
  }
}

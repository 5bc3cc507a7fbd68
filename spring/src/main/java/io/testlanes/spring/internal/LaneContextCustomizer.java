package io.testlanes.spring.internal;

import io.testlanes.Lane;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test context at one lane, and makes the lane part of Spring's context cache key: equal
 * only to a customizer of the same lane on the same services ({@link #equals}). When Spring builds
 * a context with it: primary connection-details beans for the lane, the lane's Cassandra keyspace,
 * {@code spring.sql.init} switched off when the template already ran its scripts; and a context
 * whose migrations the template lacks fails before it touches the lane.
 */
final class LaneContextCustomizer implements ContextCustomizer {
  static final String PROPERTY_SOURCE = "testlanes lane";

  private final Lane lane;
  private final Set<Service> services;
  private final Settings settings;
  private final MergedContextConfiguration withoutLane;
  private final String label;
  private final Map<Service, String> endpoints;

  LaneContextCustomizer(
      Lane lane,
      Set<Service> services,
      Settings settings,
      MergedContextConfiguration withoutLane,
      String label) {
    this.lane = lane;
    this.services = Set.copyOf(services);
    this.settings = settings;
    this.withoutLane = withoutLane;
    this.label = label;
    this.endpoints = LaneEndpoints.of(lane, services);
  }

  Lane lane() {
    return lane;
  }

  Set<Service> services() {
    return services;
  }

  String label() {
    return label;
  }

  /** Whether {@code testClass}'s own context load created its context (not found it cached). */
  boolean createdBy(Class<?> testClass) {
    return ContextRegistry.createdBy(withoutLane, lane.number(), testClass);
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    ClassLoader loader =
        Objects.requireNonNullElse(context.getClassLoader(), getClass().getClassLoader());
    Map<String, Object> properties = new HashMap<>();
    if (services.contains(Service.CASSANDRA)) {
      properties.put("spring.cassandra.keyspace-name", lane.keyspace());
    }
    if (services.contains(Service.POSTGRES)) {
      SpringSchema app = SpringSchema.of(context.getEnvironment(), loader);
      checkTemplateHas(app, mergedConfig.getTestClass());
      if (!app.sqlInit().isEmpty()) {
        // The template ran these scripts; they are not idempotent.
        properties.put("spring.sql.init.mode", "never");
      }
    }
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
      throw new IllegalStateException(
          "testlanes-spring needs a bean factory that takes bean definitions, got "
              + context.getBeanFactory().getClass().getName());
    }
    BootConnectionDetails.forClasspath(loader).register(registry, lane, services);
    ContextRegistry.created(withoutLane, lane.number(), mergedConfig.getTestClass());
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent closed
              && closed.getApplicationContext() == context) {
            ContextRegistry.closed(withoutLane, lane.number());
          }
        });
  }

  /** Fails when the context would run migrations or scripts on the lane that the template lacks. */
  private void checkTemplateHas(SpringSchema app, Class<?> testClass) {
    List<String> missing = new ArrayList<>();
    for (String l : app.flyway()) {
      if (!settings.postgresFlyway().contains(l)) {
        missing.add(
            "Flyway location "
                + l
                + " ("
                + Keys.POSTGRES_FLYWAY
                + " has "
                + settings.postgresFlyway()
                + ")");
      }
    }
    if (app.liquibase().isPresent()
        && !app.liquibase()
            .map(LaneContextCustomizer::path)
            .equals(settings.postgresLiquibase().map(LaneContextCustomizer::path))) {
      missing.add(
          "Liquibase changelog "
              + app.liquibase().get()
              + " ("
              + Keys.POSTGRES_LIQUIBASE
              + " is "
              + settings.postgresLiquibase().orElse("not set")
              + ")");
    }
    for (String s : app.sqlInit()) {
      if (settings.postgresSchema().stream()
          .map(LaneContextCustomizer::path)
          .noneMatch(s::equals)) {
        missing.add(
            "spring.sql.init script "
                + s
                + " ("
                + Keys.POSTGRES_SCHEMA
                + " has "
                + settings.postgresSchema()
                + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the application context of "
              + testClass.getName()
              + " would run on "
              + lane.name()
              + " what the lanes' template was not built from: "
              + String.join("; ", missing)
              + ". The template is built once per run, from the application's default"
              + " configuration (or the testlanes keys). Fix: give this test the same migrations as"
              + " the application, or name all of them in the testlanes keys.");
    }
  }

  private static String path(String location) {
    return location.trim().replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LaneContextCustomizer other
        && lane.number() == other.lane.number()
        && endpoints.equals(other.endpoints)
        && lane.keyspace().equals(other.lane.keyspace());
  }

  @Override
  public int hashCode() {
    return Objects.hash(lane.number(), endpoints, lane.keyspace());
  }

  @Override
  public String toString() {
    return "testlanes " + lane.name() + " " + endpoints;
  }
}

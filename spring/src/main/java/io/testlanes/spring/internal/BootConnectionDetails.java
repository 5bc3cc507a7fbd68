package io.testlanes.spring.internal;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.container.ContainerImageMetadata;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's connection-details beans for a lane, for the Boot version on the classpath: Boot 4
 * moved the interfaces to other packages (and renamed the Redis one), so each version has its own
 * implementation, compiled against its own interfaces ({@code src/boot3}, {@code src/boot4}).
 */
public interface BootConnectionDetails {

  /**
   * Registers a primary connection-details bean for each of {@code services} that this Boot
   * version's auto-configuration on the classpath knows, pointing at {@code lane}.
   */
  void register(BeanDefinitionRegistry registry, Lane lane, Set<Service> services);

  /** Where the context's connection-details beans point, for the services it has beans for. */
  Map<Service, String> endpoints(ListableBeanFactory beans);

  /** The implementation for the Boot version on the classpath. */
  static BootConnectionDetails forClasspath(ClassLoader loader) {
    String name =
        ClassUtils.isPresent(
                "org.springframework.boot.bootstrap.ConfigurableBootstrapContext", loader)
            ? "io.testlanes.spring.internal.boot4.Boot4ConnectionDetails"
            : "io.testlanes.spring.internal.boot3.Boot3ConnectionDetails";
    try {
      return Class.forName(name, true, BootConnectionDetails.class.getClassLoader())
          .asSubclass(BootConnectionDetails.class)
          .getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          "testlanes-spring cannot load its Spring Boot adapter "
              + name
              + " ("
              + e
              + "): the testlanes-spring jar is incomplete or the Spring Boot version is not 3.5 or"
              + " 4.0. Fix: use the published testlanes-spring jar with Spring Boot 3.5.x or 4.0.x.",
          e);
    }
  }

  /**
   * Registers {@code instance} as the primary bean of {@code type}, as {@code @ServiceConnection}
   * does; {@code testConnection} marks it the way Boot recognises a test database connection, so
   * that {@code @AutoConfigureTestDatabase} (in {@code @DataJpaTest}, {@code @JdbcTest}) keeps it.
   */
  static <T> void registerBean(
      BeanDefinitionRegistry registry,
      Class<T> type,
      Supplier<T> instance,
      Lane lane,
      boolean testConnection) {
    RootBeanDefinition definition = new RootBeanDefinition(type, instance);
    definition.setPrimary(true);
    if (testConnection) {
      new ContainerImageMetadata("testlanes " + lane.name()).addTo(definition);
    }
    registry.registerBeanDefinition("testlanes" + type.getSimpleName(), definition);
  }
}

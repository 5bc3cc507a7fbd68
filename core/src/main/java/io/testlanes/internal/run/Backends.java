package io.testlanes.internal.run;

import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceBackend;
import io.testlanes.internal.backend.embedded.EmbeddedBackend;
import io.testlanes.internal.backend.external.ExternalBackend;
import java.lang.reflect.InvocationTargetException;

/** Picks the backend that {@link io.testlanes.config.Keys#BACKEND} names. */
public final class Backends {
  private static final String DOCKER_BACKEND = "io.testlanes.internal.backend.docker.DockerBackend";

  private Backends() {}

  public static ServiceBackend create(Settings settings) {
    switch (settings.backend()) {
      case DOCKER:
        return docker();
      case EXTERNAL:
        return new ExternalBackend();
      default:
        return new EmbeddedBackend();
    }
  }

  /**
   * The Docker backend, loaded by name: its Testcontainers classes are an optional dependency and
   * must not be touched unless {@code testlanes.backend=docker}.
   */
  private static ServiceBackend docker() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory");
    } catch (ClassNotFoundException e) {
      throw Settings.configurationError(
          Keys.BACKEND,
          "docker",
          "Testcontainers on the test classpath for the docker backend",
          "add org.testcontainers:testcontainers (2.0.x) as a test dependency, or use"
              + " -Dtestlanes.backend=embedded");
    }
    try {
      return (ServiceBackend) Class.forName(DOCKER_BACKEND).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException
        | NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      throw new IllegalStateException("cannot create the docker backend " + DOCKER_BACKEND, e);
    }
  }
}

package io.testlanes.internal.backend.docker;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceBackend;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;

/**
 * The {@code docker} backend: one container per service through Testcontainers, from the images
 * that {@link Keys#DOCKER_POSTGRES_IMAGE}, {@link Keys#DOCKER_REDIS_IMAGE} and {@link
 * Keys#DOCKER_CASSANDRA_IMAGE} name. Ports are published on 127.0.0.1 only; data lives on tmpfs;
 * each container is registered with the run's watchdog so that it is removed even when this JVM is
 * killed (Testcontainers' Ryuk may be disabled or unable to run).
 *
 * <p>This class uses no Testcontainers type, so that a missing Testcontainers gives a clear error
 * instead of a {@link NoClassDefFoundError}; {@link DockerContainers} does the work.
 */
public final class DockerBackend implements ServiceBackend {
  static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public RunningService start(Service service, StartContext context) {
    if (!testcontainersPresent()) {
      throw new ServiceStartException(
          service,
          "testlanes.backend=docker needs Testcontainers on the test classpath, but "
              + TESTCONTAINERS_CLASS
              + " was not found. Add the test dependency org.testcontainers:testcontainers"
              + " (2.0.5 or newer), or run without Docker: -D"
              + Keys.BACKEND
              + "=embedded",
          "");
    }
    DockerAvailability.check(service, System.getenv());
    return DockerContainers.start(service, context);
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName(TESTCONTAINERS_CLASS, false, DockerBackend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}

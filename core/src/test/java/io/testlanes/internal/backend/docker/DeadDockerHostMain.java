package io.testlanes.internal.backend.docker;

import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceStartException;

/**
 * Child JVM of {@link DockerAvailabilityTest}: starts Postgres with the docker backend and prints
 * the failure. Exit 3: it failed with {@link ServiceStartException} as it should; 4: it started.
 */
public final class DeadDockerHostMain {
  private DeadDockerHostMain() {}

  public static void main(String[] args) {
    try (DockerFixture f = new DockerFixture(1)) {
      f.start(Service.POSTGRES).close();
      System.out.println("started, but DOCKER_HOST=" + System.getenv("DOCKER_HOST") + " is dead");
      System.exit(4);
    } catch (ServiceStartException e) {
      System.out.println(e);
      System.exit(3);
    }
  }
}

package io.testlanes.internal.backend.docker;

import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.time.Duration;

/** A service in a container; closing it removes the container (Testcontainers' stop). */
final class DockerService implements RunningService {
  private final WatchedContainer container;
  private final ServiceEndpoint endpoint;
  private final Duration readyTime;
  private final LogTail tail;
  private final String containerId;

  DockerService(
      WatchedContainer container, ServiceEndpoint endpoint, Duration readyTime, LogTail tail) {
    this.container = container;
    this.endpoint = endpoint;
    this.readyTime = readyTime;
    this.tail = tail;
    this.containerId = container.getContainerId();
  }

  @Override
  public ServiceEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Duration readyTime() {
    return readyTime;
  }

  @Override
  public String logTail(int lines) {
    return tail.last(lines);
  }

  /** The Docker container's id, for diagnostics and tests. */
  String containerId() {
    return containerId;
  }

  @Override
  public synchronized void close() {
    container.stop();
  }

  @Override
  public String toString() {
    return endpoint + " in container " + containerId.substring(0, 12);
  }
}

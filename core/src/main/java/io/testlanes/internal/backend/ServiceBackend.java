package io.testlanes.internal.backend;

import io.testlanes.config.Service;

/**
 * Starts (or finds) one service at a time. One strategy per backend: embedded, docker, external.
 * Implementations must be safe to call from several threads at once, for different services.
 */
public interface ServiceBackend {

  /** {@code embedded}, {@code docker} or {@code external}. */
  String name();

  /**
   * Starts {@code service} and returns once it answered a real round trip ({@code SELECT 1}, {@code
   * PING}, {@code SELECT release_version FROM system.local}).
   *
   * @throws ServiceStartException if it did not become ready; everything the attempt started is
   *     stopped and removed before this is thrown
   */
  RunningService start(Service service, StartContext context);
}

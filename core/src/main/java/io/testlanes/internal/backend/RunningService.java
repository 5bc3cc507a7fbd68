package io.testlanes.internal.backend;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A service that a backend started or found: where it answers, how long it took to become ready,
 * and the handle through which the backend watches and stops it. Closing it stops what the backend
 * started.
 *
 * @param endpoint where it answers, with its credentials
 * @param readyTime from the start request to the first successful round trip
 * @param handle its log, its death and its stop
 */
public record RunningService(ServiceEndpoint endpoint, Duration readyTime, ServiceHandle handle)
    implements AutoCloseable {

  /** The last lines of the service's log, for error messages; empty if it has none. */
  public String logTail(int lines) {
    return handle.logTail(lines);
  }

  /** See {@link ServiceHandle#death()}. */
  public CompletionStage<String> death() {
    return handle.death();
  }

  /**
   * Stops the service and removes every process and directory its backend made for it. Safe to call
   * twice.
   */
  @Override
  public void close() {
    handle.close();
  }
}

package io.testlanes.internal.backend;

import java.time.Duration;

/** A service that a backend started or found. Closing it stops what the backend started. */
public interface RunningService extends AutoCloseable {

  ServiceEndpoint endpoint();

  /** From the start request to the first successful round trip. */
  Duration readyTime();

  /** The last lines of the service's log, for error messages; empty if it has none. */
  String logTail(int lines);

  /**
   * Stops the service and removes every process and directory its backend made for it. Safe to call
   * twice.
   */
  @Override
  void close();
}

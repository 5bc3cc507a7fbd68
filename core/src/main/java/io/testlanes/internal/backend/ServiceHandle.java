package io.testlanes.internal.backend;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What a backend keeps of a service it started or found: its log, its end, how to stop it. */
public interface ServiceHandle extends AutoCloseable {

  /** The last lines of the service's log, for error messages; empty if it has none. */
  String logTail(int lines);

  /**
   * Completes when the service ends by itself (killed, crashed), not when {@link #close()} stops
   * it, with how it ended: {@code its process (pid 4242) was killed by signal 9 (SIGKILL)}. Never
   * completes for a service that nothing here can watch (an external server).
   */
  CompletionStage<String> death();

  /**
   * Stops the service and removes every process and directory its backend made for it. Safe to call
   * twice.
   */
  @Override
  void close();

  /** The handle of a server testlanes did not start: no log, nothing to stop, nothing to watch. */
  static ServiceHandle unwatched() {
    return Unwatched.INSTANCE;
  }

  /** See {@link #unwatched()}. */
  enum Unwatched implements ServiceHandle {
    INSTANCE;

    private static final CompletableFuture<String> NEVER = new CompletableFuture<>();

    @Override
    public String logTail(int lines) {
      return "";
    }

    @Override
    public CompletionStage<String> death() {
      return NEVER.minimalCompletionStage();
    }

    @Override
    public void close() {
      // not ours to stop
    }
  }
}

package io.testlanes.internal.backend.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.WaitResponse;
import io.testlanes.internal.backend.ServiceHandle;
import io.testlanes.internal.log.Log;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The handle of a service in a container. It waits on the container ({@code docker wait}, one
 * streaming request): if the container ends by itself, {@link #death()} says how. Closing removes
 * the container (Testcontainers' stop).
 */
final class DockerService implements ServiceHandle {
  private static final Log log = Log.get(DockerService.class);

  private final WatchedContainer container;
  private final LogTail tail;
  private final String containerId;
  private final CompletableFuture<String> death = new CompletableFuture<>();
  private final ResultCallback.Adapter<WaitResponse> wait;
  private volatile boolean closing;

  DockerService(WatchedContainer container, LogTail tail) {
    this.container = container;
    this.tail = tail;
    this.containerId = container.getContainerId();
    this.wait =
        container
            .getDockerClient()
            .waitContainerCmd(containerId)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(WaitResponse response) {
                    ended("exited with code " + response.getStatusCode());
                  }

                  @Override
                  public void onError(Throwable error) {
                    ended("ended (" + error + ")");
                  }
                });
  }

  private void ended(String how) {
    if (!closing) {
      death.complete("its container " + containerId.substring(0, 12) + " " + how);
    }
  }

  @Override
  public String logTail(int lines) {
    return tail.last(lines);
  }

  @Override
  public CompletionStage<String> death() {
    return death.minimalCompletionStage();
  }

  /** The Docker container's id, for diagnostics and tests. */
  String containerId() {
    return containerId;
  }

  @Override
  public synchronized void close() {
    closing = true;
    try {
      wait.close();
    } catch (IOException e) {
      log.debug("closing the wait on container {} failed", containerId, e);
    }
    container.stop();
  }

  @Override
  public String toString() {
    return "container " + containerId.substring(0, 12);
  }
}

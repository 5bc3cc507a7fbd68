package io.testlanes.internal.backend.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.Watchdog;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A container that the run's watchdog removes if this JVM dies: registered as soon as Docker has
 * created it (before it is started and waited for), forgotten once Testcontainers removed it.
 */
final class WatchedContainer extends GenericContainer<WatchedContainer> {
  private static final Log log = Log.get(WatchedContainer.class);

  private final Watchdog watchdog;
  private volatile @Nullable String watchedId;

  WatchedContainer(DockerImageName image, Watchdog watchdog) {
    super(image);
    this.watchdog = watchdog;
  }

  @Override
  protected void containerIsCreated(String containerId) {
    watchdog.watchContainer(containerId);
    watchedId = containerId;
  }

  @Override
  protected void containerIsStopped(InspectContainerResponse containerInfo) {
    String id = watchedId;
    if (id == null) {
      return;
    }
    watchedId = null;
    try {
      watchdog.forgetContainer(id);
    } catch (IllegalStateException | UncheckedIOException e) {
      // The watchdog already ended (and removed what it knew): nothing left to forget.
      log.debug("watchdog gone while forgetting container {}", id, e);
    }
  }
}

package io.testlanes.internal.run;

import io.testlanes.config.Settings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The live service hosts of this user, found through their run directories: for status and {@code
 * down}. A project may have more than one (a warm host kept alive with other host settings).
 */
public final class Hosts {
  private Hosts() {}

  /** The live hosts of the run id of {@code settings} (every run id with {@code all}). */
  public static List<RunDirectory> of(Settings settings, boolean all) {
    String runId = settings.runId().orElseGet(RunDirectory::defaultRunId);
    List<RunDirectory> dirs = new ArrayList<>();
    for (HostInfo h : HostInfo.all(RunDirectory.baseDir(settings))) {
      if (all || h.runId().equals(runId)) {
        dirs.add(RunDirectory.existing(h.dir(), h.runId()));
      }
    }
    return dirs;
  }

  /**
   * The status of the host of {@code dir} as flat properties ({@link HostRequests}), or null if
   * none runs there now.
   */
  public static @Nullable Map<String, String> status(RunDirectory dir) throws IOException {
    return RunClient.statusOf(dir);
  }

  /**
   * Tells the host of {@code dir} to stop its services now and waits up to {@code wait} for it to
   * be gone; returns false if none ran there. This JVM detaches from it first.
   *
   * @param force stop them even while other JVMs are attached
   * @throws IllegalStateException without {@code force}, if other JVMs are attached, listing them
   */
  public static boolean down(RunDirectory dir, boolean force, Duration wait)
      throws IOException, InterruptedException {
    RunClient.detachShared(dir);
    return RunClient.down(dir, force, wait);
  }
}

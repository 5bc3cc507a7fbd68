package io.testlanes.internal.run;

import io.testlanes.config.Settings;
import io.testlanes.run.RunStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /** The status of the host of {@code dir}, or null if none runs there now. */
  public static @Nullable RunStatus status(RunDirectory dir) throws IOException {
    Map<String, String> flat = RunClient.statusOf(dir);
    return flat == null ? null : parse(flat);
  }

  /** Reads the host's flat status answer. */
  static RunStatus parse(Map<String, String> flat) {
    Map<String, Map<String, String>> services = new LinkedHashMap<>();
    Map<Integer, String> lanes = new HashMap<>();
    Map<Long, String> clients = new HashMap<>();
    flat.forEach(
        (k, v) -> {
          if (k.startsWith("service.")) {
            String[] parts = k.split("\\.", 3);
            services.computeIfAbsent(parts[1], x -> new HashMap<>()).put(parts[2], v);
          } else if (k.startsWith("lane.")) {
            lanes.put(Integer.parseInt(k.substring(5)), v);
          } else if (k.startsWith("client.")) {
            clients.put(Long.parseLong(k.substring(7)), v);
          }
        });
    Map<String, RunStatus.ServiceState> states = new LinkedHashMap<>();
    services.forEach(
        (id, m) ->
            states.put(
                id,
                new RunStatus.ServiceState(
                    m.getOrDefault("endpoint", ""),
                    Long.parseLong(m.getOrDefault("readyMillis", "-1")),
                    Integer.parseInt(m.getOrDefault("starts", "0")))));
    return new RunStatus(
        flat.getOrDefault("runId", ""),
        Long.parseLong(flat.getOrDefault("pid", "0")),
        flat.getOrDefault("runDir", ""),
        flat.getOrDefault("backend", ""),
        Instant.parse(flat.getOrDefault("startedAt", Instant.EPOCH.toString())),
        Duration.parse(flat.getOrDefault("keepAlive", "PT0S")),
        Integer.parseInt(flat.getOrDefault("attachedWorkers", "0")),
        states,
        lanes,
        clients);
  }

  /**
   * Tells the host of {@code dir} to stop its services now and waits up to {@code wait} for it to
   * be gone; returns false if none ran there.
   */
  public static boolean down(RunDirectory dir, Duration wait)
      throws IOException, InterruptedException {
    RunClient.detachShared(dir);
    return RunClient.down(dir, wait);
  }
}

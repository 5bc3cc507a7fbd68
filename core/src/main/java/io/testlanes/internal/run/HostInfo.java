package io.testlanes.internal.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a live host wrote about itself in its run directory's {@code host.properties}: its pid, run
 * id and host settings.
 *
 * @param dir the run directory
 * @param runId the run id
 * @param pid the host's process id
 * @param settings its host settings ({@link io.testlanes.config.Settings#hostSettings()})
 */
record HostInfo(Path dir, String runId, long pid, Map<String, String> settings) {

  /** The hosts alive now among the run directories under {@code base}. */
  static List<HostInfo> all(@Nullable Path base) {
    List<HostInfo> out = new ArrayList<>();
    if (base == null || !Files.isDirectory(base)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(base)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        HostInfo info = read(dir);
        if (info != null) {
          out.add(info);
        }
      }
    } catch (IOException e) {
      // a base directory that cannot be listed holds no host this user can reach
    }
    return out;
  }

  /** The live host of {@code dir}, or null if none runs there. */
  static @Nullable HostInfo read(Path dir) {
    Path file = dir.resolve("host.properties");
    try {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      String runId = p.getProperty("runId");
      if (runId == null || !RunClient.hostAlive(RunDirectory.existing(dir, runId))) {
        return null;
      }
      Map<String, String> settings = new LinkedHashMap<>();
      for (String k : p.stringPropertyNames()) {
        if (k.startsWith("setting.")) {
          settings.put("testlanes." + k.substring("setting.".length()), p.getProperty(k));
        }
      }
      return new HostInfo(dir, runId, Long.parseLong(p.getProperty("pid", "0")), settings);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }
}

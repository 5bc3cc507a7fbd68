package io.testlanes.junit.internal.report;

import io.testlanes.config.Settings;
import io.testlanes.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The timings file: each test class's time in milliseconds, from the last run that ran it.
 *
 * <pre>{@code
 * {"version":1,"unit":"ms","classes":{"com.example.OrderRepositoryTest":12345, ...}}
 * }</pre>
 */
public final class Timings {
  private Timings() {}

  /**
   * The timings in {@code file}: class name to milliseconds, sorted by name. Empty when the file
   * does not exist.
   *
   * @throws IllegalArgumentException if the file is not a timings file, naming the file
   * @throws UncheckedIOException if it cannot be read
   */
  public static Map<String, Long> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the timings file " + file + ": " + e, e);
    }
    try {
      Map<String, @Nullable Object> root = new LinkedHashMap<>(Json.parseObject(text));
      if (!(root.get("classes") instanceof Map<?, ?> classes)) {
        throw new IllegalArgumentException("it has no \"classes\" object");
      }
      Map<String, Long> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : classes.entrySet()) {
        if (e.getValue() instanceof Number n && n.longValue() >= 0) {
          out.put(String.valueOf(e.getKey()), n.longValue());
        } else {
          throw new IllegalArgumentException(
              "the time of " + e.getKey() + " is " + e.getValue() + ", not milliseconds >= 0");
        }
      }
      return Collections.unmodifiableMap(out);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The timings file "
              + file.toAbsolutePath()
              + " is not valid: "
              + e.getMessage()
              + ". Expected {\"version\":1,\"unit\":\"ms\",\"classes\":{\"<class>\":<ms>}}. Fix:"
              + " delete it; the next run writes a new one.",
          e);
    }
  }

  /**
   * Writes {@code timings} to {@code file}, atomically: a reader sees the old or the new file.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public static void write(Path file, Map<String, Long> timings) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", 1);
    root.put("unit", "ms");
    root.put("classes", new TreeMap<>(timings));
    try {
      AtomicFiles.write(file, Json.write(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the timings file " + file + ": " + e, e);
    }
  }

  /**
   * The timings a shard filter should use: those of the timings file as it was when the current run
   * started (so that every JVM of the run splits alike while finished JVMs update the file), or the
   * file itself when the report is off. Empty, with a warning on standard error, when they cannot
   * be read: every node then falls back to the same split by name.
   */
  public static Map<String, Long> forSharding(Settings settings) {
    try {
      if (settings.report()) {
        return RunDirectory.join(settings, Sessions.of(settings, true)).timingsAtStart();
      }
      return read(settings.timingsFile());
    } catch (IOException | RuntimeException e) {
      System.err.println("[testlanes] shards split by name, the timings cannot be read: " + e);
      return Map.of();
    }
  }
}

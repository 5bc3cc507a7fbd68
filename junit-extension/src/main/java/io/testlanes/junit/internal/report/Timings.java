package io.testlanes.junit.internal.report;

import io.testlanes.config.Settings;
import io.testlanes.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The timings file: each test class's time in milliseconds, from the last run that ran it; when
 * each time was measured (epoch milliseconds), so that the files of the nodes of a CI run can be
 * merged with the time measured last winning for every class (see {@code examples/ci}); and the
 * single-worker {@link Baseline} that speedups are measured against.
 *
 * <pre>{@code
 * {"version":1,"unit":"ms",
 *  "classes":{"com.example.OrderRepositoryTest":12345, ...},
 *  "measured":{"com.example.OrderRepositoryTest":1764583200000, ...},
 *  "baseline":{"recorded":"2026-12-01T10:00:00Z","overheadMs":4100,"classes":{...}}}
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
   * Writes {@code timings} to {@code file}, atomically: a reader sees the old or the new file. A
   * class whose time differs from the one in the file is stamped as measured now; the others keep
   * their stamps; the file's baseline is kept.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public static void write(Path file, Map<String, Long> timings) {
    write(file, timings, System.currentTimeMillis());
  }

  static void write(Path file, Map<String, Long> timings, long now) {
    Content old = Content.of(file);
    Map<String, Long> measured = new TreeMap<>();
    for (Map.Entry<String, Long> e : timings.entrySet()) {
      Long stamp = old.measured().get(e.getKey());
      if (!e.getValue().equals(old.classes().get(e.getKey()))) {
        measured.put(e.getKey(), now);
      } else if (stamp != null) {
        measured.put(e.getKey(), stamp);
      }
    }
    new Content(timings, measured, old.baseline()).write(file);
  }

  /** The single-worker baseline in {@code file}, if it holds a readable one. */
  static Optional<Baseline> baseline(Path file) {
    return Optional.ofNullable(Content.of(file).baseline());
  }

  /**
   * Adds {@code serial}, the class times of a run in which no two tests overlapped, to the baseline
   * in {@code file}, keeping everything else in it.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  static void addToBaseline(Path file, Baseline serial) {
    Content old = Content.of(file);
    Baseline before = old.baseline();
    new Content(old.classes(), old.measured(), before == null ? serial : before.plus(serial))
        .write(file);
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

  /** What a timings file holds; read leniently (what cannot be read counts as absent). */
  private record Content(
      Map<String, Long> classes, Map<String, Long> measured, @Nullable Baseline baseline) {

    static Content of(Path file) {
      Map<String, @Nullable Object> root;
      try {
        root =
            new LinkedHashMap<>(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
      } catch (IOException | IllegalArgumentException e) {
        return new Content(Map.of(), Map.of(), null);
      }
      Baseline baseline = null;
      if (root.get("baseline") instanceof Map<?, ?> b
          && b.get("recorded") instanceof String recorded
          && b.get("overheadMs") instanceof Number overhead) {
        try {
          baseline =
              new Baseline(Instant.parse(recorded), overhead.longValue(), millis(b.get("classes")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
          baseline = null;
        }
      }
      return new Content(millis(root.get("classes")), millis(root.get("measured")), baseline);
    }

    /** The entries of a JSON object whose values are numbers >= 0. */
    private static Map<String, Long> millis(@Nullable Object object) {
      Map<String, Long> out = new TreeMap<>();
      if (object instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (e.getValue() instanceof Number n && n.longValue() >= 0) {
            out.put(String.valueOf(e.getKey()), n.longValue());
          }
        }
      }
      return out;
    }

    void write(Path file) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("version", 1);
      root.put("unit", "ms");
      root.put("classes", new TreeMap<>(classes));
      root.put("measured", new TreeMap<>(measured));
      if (baseline != null) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("recorded", baseline.recorded().toString());
        b.put("overheadMs", baseline.overheadMillis());
        b.put("classes", new TreeMap<>(baseline.classes()));
        root.put("baseline", b);
      }
      try {
        AtomicFiles.write(file, Json.write(root) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the timings file " + file + ": " + e, e);
      }
    }
  }
}

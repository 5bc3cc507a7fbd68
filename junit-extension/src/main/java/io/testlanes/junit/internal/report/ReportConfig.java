package io.testlanes.junit.internal.report;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the report and timings go: {@link Keys#REPORT}, {@link Keys#REPORT_DIR}, {@link
 * Keys#TIMINGS_FILE}, read in the precedence documented on {@link Keys}: system property,
 * environment variable, JUnit configuration parameter, default.
 */
public final class ReportConfig {

  /** Default of {@link Keys#REPORT_DIR}: {@code target/testlanes}. */
  public static final Path DEFAULT_DIR = Path.of("target", "testlanes");

  /** Name of the timings file in the report directory, unless {@link Keys#TIMINGS_FILE} says. */
  public static final String TIMINGS_FILE_NAME = "timings.json";

  private final boolean enabled;
  private final Path dir;
  private final Path timingsFile;

  private ReportConfig(boolean enabled, Path dir, Path timingsFile) {
    this.enabled = enabled;
    this.dir = dir;
    this.timingsFile = timingsFile;
  }

  /**
   * Reads system properties, then environment variables, then {@code junitParameters} (such as
   * {@code ConfigurationParameters::get}).
   *
   * @throws ConfigurationException if a value is invalid
   */
  public static ReportConfig load(Function<String, Optional<String>> junitParameters) {
    return load(
        List.of(
            ConfigSource.systemProperties(),
            ConfigSource.environment(),
            ConfigSource.of("JUnit configuration parameter", junitParameters)));
  }

  /**
   * Reads the sources in order; for each key the first that sets it wins.
   *
   * @throws ConfigurationException if a value is invalid
   */
  public static ReportConfig load(List<ConfigSource> sources) {
    boolean enabled = true;
    Raw report = raw(sources, Keys.REPORT);
    if (report != null) {
      String v = report.value.trim().toLowerCase(Locale.ROOT);
      if (v.equals("false")) {
        enabled = false;
      } else if (!v.equals("true")) {
        throw new ConfigurationException(
            Keys.REPORT,
            report.value,
            "Invalid value '"
                + report.value
                + "' for "
                + Keys.REPORT
                + " (from "
                + report.from
                + "): expected true or false. Fix: write -D"
                + Keys.REPORT
                + "=false to turn the report off, or remove the key.");
      }
    }
    Path dir = path(raw(sources, Keys.REPORT_DIR), Keys.REPORT_DIR, DEFAULT_DIR);
    Path timings =
        path(raw(sources, Keys.TIMINGS_FILE), Keys.TIMINGS_FILE, dir.resolve(TIMINGS_FILE_NAME));
    return new ReportConfig(enabled, dir, timings);
  }

  /** Whether the report is written ({@link Keys#REPORT}). */
  public boolean enabled() {
    return enabled;
  }

  /** The report directory ({@link Keys#REPORT_DIR}), as configured (may be relative). */
  public Path dir() {
    return dir;
  }

  /** The timings file ({@link Keys#TIMINGS_FILE}), as configured (may be relative). */
  public Path timingsFile() {
    return timingsFile;
  }

  @Override
  public String toString() {
    return "report " + (enabled ? "on" : "off") + " in " + dir + ", timings in " + timingsFile;
  }

  private record Raw(String value, String from) {}

  private static @org.jspecify.annotations.Nullable Raw raw(
      List<ConfigSource> sources, String key) {
    for (ConfigSource source : sources) {
      Optional<String> v = source.get(key);
      if (v.isPresent() && !v.get().isBlank()) {
        return new Raw(v.get(), source.describe(key));
      }
    }
    return null;
  }

  private static Path path(@org.jspecify.annotations.Nullable Raw raw, String key, Path fallback) {
    if (raw == null) {
      return fallback;
    }
    try {
      return Path.of(raw.value.trim());
    } catch (InvalidPathException e) {
      throw new ConfigurationException(
          key,
          raw.value,
          "Invalid value '"
              + raw.value
              + "' for "
              + key
              + " (from "
              + raw.from
              + "): expected a file system path. Fix: give a path such as target/testlanes.",
          e);
    }
  }
}

package io.testlanes.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads raw values from the sources, first that sets a key wins, and checks them: form, range, and
 * for paths what the file system says. Remembers which keys were given.
 */
final class Values {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmg])b?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SHARD = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

  /**
   * A Docker image reference: [registry[:port]/]path[:tag][@digest], the path in lower case, as the
   * distribution project's reference grammar has it.
   */
  private static final Pattern IMAGE =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
              + "(?::[0-9]+)?/)?"
              + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
              + "(?::[\\w][\\w.-]{0,127})?"
              + "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");

  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){1,3}(-[0-9A-Za-z.]+)?");

  /** A raw value and where it came from, e.g. {@code system property -Dtestlanes.workers}. */
  private record Raw(String value, String from) {}

  private final List<ConfigSource> sources;
  private final Map<String, String> given = new LinkedHashMap<>();

  Values(List<ConfigSource> sources) {
    this.sources = sources;
  }

  /** The values set explicitly, by key, as given. */
  Map<String, String> given() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(given));
  }

  private @Nullable Raw raw(String key) {
    for (ConfigSource source : sources) {
      Optional<String> v = source.get(key);
      if (v.isPresent()) {
        given.put(key, v.get());
        return new Raw(v.get(), source.describe(key));
      }
    }
    return null;
  }

  /** A raw value that is set and not blank. */
  private @Nullable Raw nonBlank(String key) {
    Raw r = raw(key);
    return r == null || r.value.isBlank() ? null : r;
  }

  private static ConfigurationException invalid(
      String key, Raw r, String expected, String fix, @Nullable Throwable cause) {
    String message =
        "Invalid value '"
            + r.value
            + "' for "
            + key
            + " (from "
            + r.from
            + "): expected "
            + expected
            + ". Fix: "
            + fix
            + ".";
    return cause == null
        ? new ConfigurationException(key, r.value, message)
        : new ConfigurationException(key, r.value, message, cause);
  }

  Optional<String> optional(String key) {
    Raw r = nonBlank(key);
    return r == null ? Optional.empty() : Optional.of(r.value.trim());
  }

  String string(String key, String fallback) {
    return optional(key).orElse(fallback);
  }

  boolean bool(String key, boolean fallback, String fix) {
    Raw r = nonBlank(key);
    if (r == null) {
      return fallback;
    }
    String v = r.value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw invalid(key, r, "true or false", fix, null);
  }

  /** A whole number from {@code min} to {@code max}. */
  int integer(String key, int fallback, int min, int max, String expected, String example) {
    Raw r = raw(key);
    if (r == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(r.value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, r, expected, "give a number, for example " + example, e);
    }
    if (value < min) {
      throw invalid(key, r, expected, "give a number, for example " + example, null);
    }
    if (value > max) {
      throw invalid(key, r, expected, "give at most " + max + ", for example " + example, null);
    }
    return value;
  }

  <E extends Enum<E>> E oneOf(String key, Class<E> type, E fallback) {
    return oneOf(key, EnumSet.allOf(type), fallback);
  }

  /**
   * One of {@code allowed} (other constants of the type, such as annotation-only ones, are not).
   */
  <E extends Enum<E>> E oneOf(String key, Set<E> allowed, E fallback) {
    Raw r = raw(key);
    if (r == null) {
      return fallback;
    }
    String names =
        allowed.stream()
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    try {
      E value = Enum.valueOf(fallback.getDeclaringClass(), r.value.trim().toUpperCase(Locale.ROOT));
      if (!allowed.contains(value)) {
        throw new IllegalArgumentException(value + " is not allowed here");
      }
      return value;
    } catch (IllegalArgumentException e) {
      throw invalid(
          key,
          r,
          "one of " + names,
          "use one of them, for example -D" + key + "=" + fallback.name().toLowerCase(Locale.ROOT),
          e);
    }
  }

  List<String> list(String key) {
    Raw r = raw(key);
    if (r == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String part : r.value.split(",")) {
      if (!part.isBlank()) {
        items.add(part.trim());
      }
    }
    return List.copyOf(items);
  }

  Optional<Set<Service>> services() {
    String key = Keys.SERVICES;
    Raw r = raw(key);
    if (r == null) {
      return Optional.empty();
    }
    Set<Service> set = EnumSet.noneOf(Service.class);
    for (String part : r.value.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      try {
        set.add(Service.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw invalid(
            key,
            r,
            "a comma-separated list of postgres, redis, cassandra (unknown service '" + name + "')",
            "list only those services, for example -D" + key + "=postgres,redis",
            e);
      }
    }
    if (set.isEmpty()) {
      throw invalid(
          key,
          r,
          "at least one of postgres, redis, cassandra",
          "name the services the tests use, or remove the key to use those whose driver is on"
              + " the classpath",
          null);
    }
    return Optional.of(Collections.unmodifiableSet(set));
  }

  /**
   * A duration from {@code min} (exclusive when {@code positive}, i.e. min is 0 and 0 is refused)
   * to {@code max}.
   */
  Duration duration(
      String key, Duration fallback, boolean positive, Duration max, String expected, String ok) {
    Raw r = raw(key);
    if (r == null) {
      return fallback;
    }
    Duration d;
    try {
      d = Settings.parseDuration(r.value);
    } catch (IllegalArgumentException e) {
      throw invalid(
          key,
          r,
          expected,
          "write a number followed by ms, s, m, h or d, for example -D" + key + "=" + ok,
          e);
    }
    if ((positive && d.isZero()) || d.compareTo(max) > 0) {
      throw invalid(key, r, expected, "give a duration in that range, such as " + ok, null);
    }
    return d;
  }

  /** A memory size in megabytes, from {@code min} to {@code max} megabytes. */
  int sizeMegabytes(String key, int fallback, int min, int max, String expected) {
    Raw r = raw(key);
    if (r == null) {
      return fallback;
    }
    String fix = "write a number followed by m or g, for example -D" + key + "=512m";
    Matcher m = SIZE.matcher(r.value.trim());
    if (!m.matches()) {
      throw invalid(key, r, expected, fix, null);
    }
    long mb;
    try {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2).toLowerCase(Locale.ROOT);
      mb = unit.equals("g") ? Math.multiplyExact(n, 1024L) : unit.equals("m") ? n : n / 1024;
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(key, r, expected, fix, e);
    }
    if (mb < min || mb > max) {
      throw invalid(key, r, expected, "give a size in that range, for example 512m or 1g", null);
    }
    return (int) mb;
  }

  Optional<Shard> shard(int maxShards) {
    String key = Keys.SHARD;
    Raw r = nonBlank(key);
    if (r == null) {
      return Optional.empty();
    }
    Matcher m = SHARD.matcher(r.value);
    NumberFormatException tooLong = null;
    if (m.matches()) {
      try {
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n >= 1 && n <= maxShards && i >= 1 && i <= n) {
          return Optional.of(Shard.of(i, n));
        }
      } catch (NumberFormatException e) {
        tooLong = e;
      }
    }
    throw invalid(
        key,
        r,
        "i/n with 1 <= i <= n <= " + maxShards + ", such as 2/4",
        "give this node's shard number and the number of shards, for example -D" + key + "=1/4",
        tooLong);
  }

  /** A string that must match {@code form}. */
  String matching(String key, String fallback, Pattern form, String expected, String example) {
    Raw r = nonBlank(key);
    if (r == null) {
      return fallback;
    }
    String v = r.value.trim();
    if (!form.matcher(v).matches()) {
      throw invalid(
          key, r, expected, "write it in that form, for example -D" + key + "=" + example, null);
    }
    return v;
  }

  String image(String key, String fallback) {
    return matching(key, fallback, IMAGE, "a Docker image name such as " + fallback, fallback);
  }

  String version(String key, String fallback) {
    return matching(key, fallback, VERSION, "a version number such as " + fallback, fallback);
  }

  /**
   * {@link Settings#FROM_MAVEN} or a value checked by {@code otherwise}; not normalised, as the
   * backends read it.
   */
  String mavenOr(String key, String expected, String fix, PathRule otherwise) {
    Raw r = nonBlank(key);
    if (r == null || r.value.trim().equalsIgnoreCase(Settings.FROM_MAVEN)) {
      return Settings.FROM_MAVEN;
    }
    String v = r.value.trim();
    Path p = path(key, r, expected, fix);
    String problem = otherwise.problem(p, v);
    if (problem != null) {
      throw invalid(key, r, expected + ", but " + problem, fix, null);
    }
    return v;
  }

  /** A path that passes {@code rule} (which may find nothing wrong), when set. */
  Optional<Path> path(String key, String expected, String fix, PathRule rule) {
    Raw r = nonBlank(key);
    if (r == null) {
      return Optional.empty();
    }
    Path p = path(key, r, expected, fix);
    String problem = rule.problem(p, r.value.trim());
    if (problem != null) {
      throw invalid(key, r, expected + ", but " + problem, fix, null);
    }
    return Optional.of(p);
  }

  private static Path path(String key, Raw r, String expected, String fix) {
    try {
      return Path.of(r.value.trim());
    } catch (InvalidPathException e) {
      throw invalid(key, r, expected, fix, e);
    }
  }

  /** What is wrong with a path for a key, or null when nothing is. */
  @FunctionalInterface
  interface PathRule {
    @Nullable String problem(Path path, String given);

    /** A directory that exists and is writable, or can be created. */
    PathRule WRITABLE_DIRECTORY = (p, given) -> directoryProblem(p.toAbsolutePath().normalize());

    /** A file that is writable, or can be created in a directory that exists or can be. */
    PathRule WRITABLE_FILE =
        (p, given) -> {
          Path abs = p.toAbsolutePath().normalize();
          if (Files.isDirectory(abs)) {
            return abs + " is a directory";
          }
          if (Files.exists(abs)) {
            return Files.isWritable(abs) ? null : abs + " is not writable";
          }
          Path parent = abs.getParent();
          return parent == null ? null : directoryProblem(parent);
        };

    /** A directory that exists. */
    PathRule EXISTING_DIRECTORY =
        (p, given) -> {
          Path abs = p.toAbsolutePath().normalize();
          if (!Files.exists(abs)) {
            return abs + " does not exist";
          }
          return Files.isDirectory(abs) ? null : abs + " is not a directory";
        };

    /** A Java installation: a directory with an executable {@code bin/java}. */
    PathRule JAVA_HOME =
        (p, given) -> {
          String problem = EXISTING_DIRECTORY.problem(p, given);
          if (problem != null) {
            return problem;
          }
          Path java = p.toAbsolutePath().normalize().resolve("bin").resolve("java");
          return Files.isRegularFile(java) && Files.isExecutable(java)
              ? null
              : java + " is not an executable file";
        };

    /**
     * An executable file when given as a path (with a {@code /}); a bare command name is looked up
     * on the {@code PATH} when it is run.
     */
    PathRule EXECUTABLE =
        (p, given) -> {
          if (!given.contains("/")) {
            return null;
          }
          Path abs = p.toAbsolutePath().normalize();
          if (!Files.exists(abs)) {
            return abs + " does not exist";
          }
          if (!Files.isRegularFile(abs)) {
            return abs + " is not a regular file";
          }
          return Files.isExecutable(abs) ? null : abs + " is not executable";
        };
  }

  /**
   * What keeps {@code dir} (absolute) from being a writable directory: it is something else, it is
   * not writable, or it does not exist and its nearest existing ancestor is not a writable
   * directory. Null when nothing does. Reads only: nothing is created.
   */
  private static @Nullable String directoryProblem(Path dir) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        return dir + " is not a directory";
      }
      return Files.isWritable(dir) ? null : dir + " is not writable";
    }
    Path ancestor = dir.getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null) {
      return null;
    }
    if (!Files.isDirectory(ancestor)) {
      return dir + " cannot be created: " + ancestor + " is not a directory";
    }
    return Files.isWritable(ancestor)
        ? null
        : dir + " cannot be created: " + ancestor + " is not writable";
  }
}

package io.testlanes.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The parsed, immutable configuration of a run. Every value is checked when the settings are
 * loaded, so a bad value fails at once, before any service starts.
 *
 * <p>Load with {@link #load()} (system properties, then environment variables) or {@link
 * #load(List)} with sources of your own, highest precedence first. See {@link Keys} for the keys.
 */
public final class Settings {

  /** Value of {@link Keys#POSTGRES_BINARIES} and {@link Keys#REDIS_BINARY} that selects Maven. */
  public static final String FROM_MAVEN = "maven";

  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmg])b?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SHARD = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

  private final Map<String, String> given;
  private final int workers;
  private final Backend backend;
  private final Optional<Set<Service>> services;
  private final Isolation isolation;
  private final Reset reset;
  private final List<String> postgresSchema;
  private final List<String> cassandraSchema;
  private final List<String> postgresFlyway;
  private final Optional<String> postgresLiquibase;
  private final Duration keepAlive;
  private final Optional<Shard> shard;
  private final Optional<String> postgresUrl;
  private final Optional<String> redisUrl;
  private final List<String> cassandraContactPoints;
  private final String cassandraLocalDatacenter;
  private final String dockerPostgresImage;
  private final String dockerRedisImage;
  private final String dockerCassandraImage;
  private final String postgresBinaries;
  private final String redisBinary;
  private final String cassandraVersion;
  private final Optional<Path> cassandraJavaHome;
  private final int cassandraHeapMegabytes;
  private final Duration startTimeout;
  private final Optional<Path> cacheDir;
  private final Optional<Path> dataDir;
  private final boolean postgresFsync;
  private final Optional<String> runId;
  private final Duration leaseTimeout;

  private Settings(Reader r) {
    this.workers =
        r.integer(
            Keys.WORKERS,
            Runtime.getRuntime().availableProcessors(),
            1,
            "a whole number of parallel workers >= 1",
            "-D" + Keys.WORKERS + "=4");
    this.backend = r.oneOf(Keys.BACKEND, Backend.class, Backend.EMBEDDED);
    this.services = r.services();
    this.isolation = r.oneOf(Keys.ISOLATION, Isolation.class, Isolation.LANES);
    this.reset = r.oneOf(Keys.RESET, Reset.class, Reset.TEST);
    this.postgresSchema = r.list(Keys.POSTGRES_SCHEMA);
    this.cassandraSchema = r.list(Keys.CASSANDRA_SCHEMA);
    this.postgresFlyway = r.list(Keys.POSTGRES_FLYWAY);
    this.postgresLiquibase = r.optional(Keys.POSTGRES_LIQUIBASE);
    this.keepAlive = r.duration(Keys.KEEP_ALIVE, Duration.ZERO);
    this.shard = r.shard();
    this.postgresUrl = r.optional(Keys.POSTGRES_URL);
    this.redisUrl = r.optional(Keys.REDIS_URL);
    this.cassandraContactPoints = r.list(Keys.CASSANDRA_CONTACT_POINTS);
    this.cassandraLocalDatacenter = r.string(Keys.CASSANDRA_LOCAL_DATACENTER, "datacenter1");
    this.dockerPostgresImage = r.string(Keys.DOCKER_POSTGRES_IMAGE, "postgres:17");
    this.dockerRedisImage = r.string(Keys.DOCKER_REDIS_IMAGE, "redis:7");
    this.dockerCassandraImage = r.string(Keys.DOCKER_CASSANDRA_IMAGE, "cassandra:5.0");
    this.postgresBinaries = r.string(Keys.POSTGRES_BINARIES, FROM_MAVEN);
    this.redisBinary = r.string(Keys.REDIS_BINARY, FROM_MAVEN);
    this.cassandraVersion = r.string(Keys.CASSANDRA_VERSION, "5.0.6");
    this.cassandraJavaHome = r.path(Keys.CASSANDRA_JAVA_HOME, true);
    this.cassandraHeapMegabytes = r.sizeMegabytes(Keys.CASSANDRA_HEAP, 512);
    this.startTimeout = r.duration(Keys.START_TIMEOUT, Duration.ofSeconds(120));
    this.cacheDir = r.path(Keys.CACHE_DIR, false);
    this.dataDir = r.path(Keys.DATA_DIR, false);
    this.postgresFsync = r.bool(Keys.POSTGRES_FSYNC, false);
    this.runId = r.optional(Keys.RUN_ID);
    this.leaseTimeout = r.duration(Keys.LEASE_TIMEOUT, Duration.ofMinutes(10));
    this.given = Collections.unmodifiableMap(r.seen);
  }

  /** Settings from system properties, then environment variables, then defaults. */
  public static Settings load() {
    return load(List.of(ConfigSource.systemProperties(), ConfigSource.environment()));
  }

  /**
   * Settings from the given sources; for each key the first source that sets it wins.
   *
   * @throws ConfigurationException if a value is invalid
   */
  public static Settings load(List<ConfigSource> sources) {
    return new Settings(new Reader(List.copyOf(sources)));
  }

  /** Settings from system properties, then environment variables, then {@code lowest}. */
  public static Settings load(ConfigSource lowest) {
    return load(List.of(ConfigSource.systemProperties(), ConfigSource.environment(), lowest));
  }

  /**
   * The values that were set explicitly, by key, as given. Passing them as system properties to
   * another JVM reproduces these settings there.
   */
  public Map<String, String> given() {
    return given;
  }

  /** {@link Keys#WORKERS}. */
  public int workers() {
    return workers;
  }

  /** {@link Keys#BACKEND}. */
  public Backend backend() {
    return backend;
  }

  /** {@link Keys#SERVICES}, or empty when the services are chosen by the drivers present. */
  public Optional<Set<Service>> services() {
    return services;
  }

  /**
   * The services of this run: those configured, else those whose client driver {@code loader} can
   * load.
   */
  public Set<Service> servicesFor(ClassLoader loader) {
    if (services.isPresent()) {
      return services.get();
    }
    Set<Service> found = EnumSet.noneOf(Service.class);
    for (Service s : Service.values()) {
      try {
        Class.forName(s.driverClass(), false, loader);
        found.add(s);
      } catch (ClassNotFoundException | LinkageError e) {
        // driver absent: this service is not needed by default
      }
    }
    return Collections.unmodifiableSet(found);
  }

  /** {@link Keys#ISOLATION}. */
  public Isolation isolation() {
    return isolation;
  }

  /** {@link Keys#RESET}. */
  public Reset reset() {
    return reset;
  }

  /** {@link Keys#POSTGRES_SCHEMA}: classpath locations, in order. */
  public List<String> postgresSchema() {
    return postgresSchema;
  }

  /** {@link Keys#POSTGRES_FLYWAY}: Flyway locations, empty when Flyway is not used. */
  public List<String> postgresFlyway() {
    return postgresFlyway;
  }

  /** {@link Keys#POSTGRES_LIQUIBASE}: a changelog location, empty when Liquibase is not used. */
  public Optional<String> postgresLiquibase() {
    return postgresLiquibase;
  }

  /** {@link Keys#CASSANDRA_SCHEMA}: classpath locations, in order. */
  public List<String> cassandraSchema() {
    return cassandraSchema;
  }

  /** {@link Keys#KEEP_ALIVE}. */
  public Duration keepAlive() {
    return keepAlive;
  }

  /** {@link Keys#SHARD}. */
  public Optional<Shard> shard() {
    return shard;
  }

  /** {@link Keys#POSTGRES_URL}. */
  public Optional<String> postgresUrl() {
    return postgresUrl;
  }

  /** {@link Keys#REDIS_URL}. */
  public Optional<String> redisUrl() {
    return redisUrl;
  }

  /** {@link Keys#CASSANDRA_CONTACT_POINTS}. */
  public List<String> cassandraContactPoints() {
    return cassandraContactPoints;
  }

  /** {@link Keys#CASSANDRA_LOCAL_DATACENTER}. */
  public String cassandraLocalDatacenter() {
    return cassandraLocalDatacenter;
  }

  /** {@link Keys#DOCKER_POSTGRES_IMAGE}. */
  public String dockerPostgresImage() {
    return dockerPostgresImage;
  }

  /** {@link Keys#DOCKER_REDIS_IMAGE}. */
  public String dockerRedisImage() {
    return dockerRedisImage;
  }

  /** {@link Keys#DOCKER_CASSANDRA_IMAGE}. */
  public String dockerCassandraImage() {
    return dockerCassandraImage;
  }

  /** {@link Keys#POSTGRES_BINARIES}: {@link #FROM_MAVEN} or a directory. */
  public String postgresBinaries() {
    return postgresBinaries;
  }

  /** {@link Keys#REDIS_BINARY}: {@link #FROM_MAVEN} or an executable. */
  public String redisBinary() {
    return redisBinary;
  }

  /** {@link Keys#CASSANDRA_VERSION}. */
  public String cassandraVersion() {
    return cassandraVersion;
  }

  /** {@link Keys#CASSANDRA_JAVA_HOME}. */
  public Optional<Path> cassandraJavaHome() {
    return cassandraJavaHome;
  }

  /** {@link Keys#CASSANDRA_HEAP}, in megabytes. */
  public int cassandraHeapMegabytes() {
    return cassandraHeapMegabytes;
  }

  /** {@link Keys#START_TIMEOUT}. */
  public Duration startTimeout() {
    return startTimeout;
  }

  /** {@link Keys#CACHE_DIR}, if set. */
  public Optional<Path> cacheDir() {
    return cacheDir;
  }

  /** {@link Keys#DATA_DIR}, if set. */
  public Optional<Path> dataDir() {
    return dataDir;
  }

  /** {@link Keys#POSTGRES_FSYNC}. */
  public boolean postgresFsync() {
    return postgresFsync;
  }

  /** {@link Keys#RUN_ID}, if set. */
  public Optional<String> runId() {
    return runId;
  }

  /** {@link Keys#LEASE_TIMEOUT}. */
  public Duration leaseTimeout() {
    return leaseTimeout;
  }

  /**
   * Every setting that decides what the service host starts or how, defaults included, in a fixed
   * order (secrets included: for comparing, never for printing).
   */
  public Map<String, String> hostSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Keys.BACKEND, backend.id());
    m.put(Keys.POSTGRES_URL, postgresUrl.orElse(""));
    m.put(Keys.REDIS_URL, redisUrl.orElse(""));
    m.put(Keys.CASSANDRA_CONTACT_POINTS, String.join(",", cassandraContactPoints));
    m.put(Keys.CASSANDRA_LOCAL_DATACENTER, cassandraLocalDatacenter);
    m.put(Keys.DOCKER_POSTGRES_IMAGE, dockerPostgresImage);
    m.put(Keys.DOCKER_REDIS_IMAGE, dockerRedisImage);
    m.put(Keys.DOCKER_CASSANDRA_IMAGE, dockerCassandraImage);
    m.put(Keys.POSTGRES_BINARIES, postgresBinaries);
    m.put(Keys.REDIS_BINARY, redisBinary);
    m.put(Keys.CASSANDRA_VERSION, cassandraVersion);
    m.put(Keys.CASSANDRA_JAVA_HOME, cassandraJavaHome.map(Path::toString).orElse(""));
    m.put(Keys.CASSANDRA_HEAP, cassandraHeapMegabytes + "m");
    m.put(Keys.START_TIMEOUT, startTimeout.toString());
    m.put(Keys.CACHE_DIR, cacheDir.map(Path::toString).orElse(""));
    m.put(Keys.DATA_DIR, dataDir.map(Path::toString).orElse(""));
    m.put(Keys.POSTGRES_FSYNC, Boolean.toString(postgresFsync));
    m.put(Keys.KEEP_ALIVE, keepAlive.toString());
    return Collections.unmodifiableMap(m);
  }

  /**
   * Parses a duration as accepted by {@link Keys#KEEP_ALIVE}: {@code 0}, {@code 500ms}, {@code
   * 30s}, {@code 10m}, {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT10M}.
   *
   * @throws IllegalArgumentException if {@code text} is not such a duration
   */
  public static Duration parseDuration(String text) {
    String t = text.trim();
    if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        if (d.isNegative()) {
          throw new IllegalArgumentException("negative duration: " + text);
        }
        return d;
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration: " + text, e);
      }
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    if (unit.isEmpty() && amount != 0) {
      throw new IllegalArgumentException("a duration needs a unit (ms, s, m, h, d): " + text);
    }
    switch (unit) {
      case "ms":
        return Duration.ofMillis(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      default:
        return Duration.ofSeconds(amount);
    }
  }

  /**
   * A configuration error for {@code key}, worded like every other: the value, what was expected,
   * and the fix. For checks made outside this class, such as endpoint URLs.
   */
  public static ConfigurationException configurationError(
      String key, @Nullable String value, String expected, String fix) {
    if (value == null) {
      return new ConfigurationException(
          key, null, "Missing value for " + key + ": expected " + expected + ". Fix: " + fix + ".");
    }
    return new ConfigurationException(
        key,
        value,
        "Invalid value '"
            + value
            + "' for "
            + key
            + ": expected "
            + expected
            + ". Fix: "
            + fix
            + ".");
  }

  /** Reads and checks raw values, remembering which keys were given and from where. */
  private static final class Reader {
    private final List<ConfigSource> sources;
    private final Map<String, String> seen = new LinkedHashMap<>();

    Reader(List<ConfigSource> sources) {
      this.sources = sources;
    }

    /** The raw value and a description of its source, or null when no source sets the key. */
    private String @Nullable [] raw(String key) {
      for (ConfigSource source : sources) {
        Optional<String> v = source.get(key);
        if (v.isPresent()) {
          seen.put(key, v.get());
          return new String[] {v.get(), source.describe(key)};
        }
      }
      return null;
    }

    private static ConfigurationException invalid(
        String key, String value, String from, String expected, String fix) {
      return new ConfigurationException(
          key,
          value,
          "Invalid value '"
              + value
              + "' for "
              + key
              + " (from "
              + from
              + "): expected "
              + expected
              + ". Fix: "
              + fix
              + ".");
    }

    Optional<String> optional(String key) {
      String[] r = raw(key);
      if (r == null || r[0].isBlank()) {
        return Optional.empty();
      }
      return Optional.of(r[0].trim());
    }

    boolean bool(String key, boolean fallback) {
      String[] r = raw(key);
      if (r == null || r[0].isBlank()) {
        return fallback;
      }
      String v = r[0].trim().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
      throw invalid(key, r[0], r[1], "true or false", "-D" + key + "=true");
    }

    String string(String key, String fallback) {
      return optional(key).orElse(fallback);
    }

    int integer(String key, int fallback, int min, String expected, String example) {
      String[] r = raw(key);
      if (r == null) {
        return fallback;
      }
      int value;
      try {
        value = Integer.parseInt(r[0].trim());
      } catch (NumberFormatException e) {
        throw invalid(key, r[0], r[1], expected, "give a number, for example " + example);
      }
      if (value < min) {
        throw invalid(key, r[0], r[1], expected, "give a number, for example " + example);
      }
      return value;
    }

    <E extends Enum<E>> E oneOf(String key, Class<E> type, E fallback) {
      String[] r = raw(key);
      if (r == null) {
        return fallback;
      }
      String names =
          Arrays.stream(type.getEnumConstants())
              .map(e -> e.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
      try {
        return Enum.valueOf(type, r[0].trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid(
            key,
            r[0],
            r[1],
            "one of " + names,
            "use one of them, for example -D"
                + key
                + "="
                + fallback.name().toLowerCase(Locale.ROOT));
      }
    }

    List<String> list(String key) {
      String[] r = raw(key);
      if (r == null) {
        return List.of();
      }
      List<String> items = new ArrayList<>();
      for (String part : r[0].split(",")) {
        if (!part.isBlank()) {
          items.add(part.trim());
        }
      }
      return List.copyOf(items);
    }

    Optional<Set<Service>> services() {
      String key = Keys.SERVICES;
      String[] r = raw(key);
      if (r == null) {
        return Optional.empty();
      }
      Set<Service> set = EnumSet.noneOf(Service.class);
      for (String part : r[0].split(",")) {
        String name = part.trim();
        if (name.isEmpty()) {
          continue;
        }
        try {
          set.add(Service.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw invalid(
              key,
              r[0],
              r[1],
              "a comma-separated list of postgres, redis, cassandra (unknown service '"
                  + name
                  + "')",
              "list only those services, for example -D" + key + "=postgres,redis");
        }
      }
      if (set.isEmpty()) {
        throw invalid(
            key,
            r[0],
            r[1],
            "at least one of postgres, redis, cassandra",
            "name the services the tests use, or remove the key to use those whose driver is on"
                + " the classpath");
      }
      return Optional.of(Collections.unmodifiableSet(set));
    }

    Duration duration(String key, Duration fallback) {
      String[] r = raw(key);
      if (r == null) {
        return fallback;
      }
      try {
        return parseDuration(r[0]);
      } catch (IllegalArgumentException e) {
        throw invalid(
            key,
            r[0],
            r[1],
            "a duration such as 0, 500ms, 30s, 10m, 1h or PT10M",
            "write a number followed by ms, s, m, h or d, for example -D" + key + "=10m");
      }
    }

    int sizeMegabytes(String key, int fallback) {
      String[] r = raw(key);
      if (r == null) {
        return fallback;
      }
      Matcher m = SIZE.matcher(r[0].trim());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long mb = unit.equals("g") ? n * 1024 : unit.equals("m") ? n : n / 1024;
        if (mb >= 64 && mb <= Integer.MAX_VALUE) {
          return (int) mb;
        }
      }
      throw invalid(
          key,
          r[0],
          r[1],
          "a memory size of at least 64m, such as 512m or 1g",
          "write a number followed by m or g, for example -D" + key + "=512m");
    }

    Optional<Path> path(String key, boolean mustExist) {
      String[] r = raw(key);
      if (r == null || r[0].isBlank()) {
        return Optional.empty();
      }
      Path p;
      try {
        p = Path.of(r[0].trim());
      } catch (InvalidPathException e) {
        throw invalid(key, r[0], r[1], "a file system path", "give a valid path");
      }
      if (mustExist && !Files.isDirectory(p)) {
        throw invalid(
            key, r[0], r[1], "an existing directory", "point it at a directory that exists");
      }
      return Optional.of(p);
    }

    Optional<Shard> shard() {
      String key = Keys.SHARD;
      String[] r = raw(key);
      if (r == null || r[0].isBlank()) {
        return Optional.empty();
      }
      Matcher m = SHARD.matcher(r[0]);
      if (m.matches()) {
        try {
          int i = Integer.parseInt(m.group(1));
          int n = Integer.parseInt(m.group(2));
          if (n >= 1 && i >= 1 && i <= n) {
            return Optional.of(Shard.of(i, n));
          }
        } catch (NumberFormatException e) {
          // falls through to the error below
        }
      }
      throw invalid(
          key,
          r[0],
          r[1],
          "i/n with 1 <= i <= n, such as 2/4",
          "give this node's shard number and the number of shards, for example -D" + key + "=1/4");
    }
  }
}

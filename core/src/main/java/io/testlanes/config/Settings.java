package io.testlanes.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parsed, immutable configuration of a run. Every value is checked when the settings are
 * loaded, so a bad value fails at once, before any service starts: its form and range, that every
 * {@code testlanes.*} name in a source that can list its names is a key of {@link Keys}, and what
 * is cheap and free of side effects to check about a path (that it is, or can become, a writable
 * directory or file; that a binary is executable). What needs a service or a child process (a Java
 * home's version, external endpoints, binaries an unprivileged user must run) is checked when that
 * service starts, with an error that names the key as well.
 *
 * <p>Load with {@link #load()} (system properties, then environment variables) or {@link
 * #load(List)} with sources of your own, highest precedence first. See {@link Keys} for the keys.
 */
public final class Settings {

  /** Value of {@link Keys#POSTGRES_BINARIES} and {@link Keys#REDIS_BINARY} that selects Maven. */
  public static final String FROM_MAVEN = "maven";

  /** Largest {@link Keys#WORKERS}: {@value}. */
  public static final int MAX_WORKERS = 256;

  /** Largest number of shards in {@link Keys#SHARD}: {@value}. */
  public static final int MAX_SHARDS = 1024;

  /** Default of {@link Keys#REPORT_DIR}: {@code target/testlanes}. */
  private static final Path DEFAULT_REPORT_DIR = Path.of("target", "testlanes");

  /** Name of the timings file in the report directory, unless {@link Keys#TIMINGS_FILE} says. */
  private static final String TIMINGS_FILE_NAME = "timings.json";

  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

  private static final String NOT_SET = "";

  /** Keys whose values may hold a password. */
  private static final Set<String> SECRET = Set.of(Keys.POSTGRES_URL, Keys.REDIS_URL);

  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(://[^/@]*?:)[^/@]*@");

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
  private final boolean report;
  private final Path reportDir;
  private final Path timingsFile;
  private final Optional<String> postgresUrl;
  private final Optional<String> redisUrl;
  private final List<String> cassandraContactPoints;
  private final String cassandraLocalDatacenter;
  private final Optional<String> cassandraUser;
  private final String cassandraPassword;
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

  private Settings(Values r) {
    this.workers =
        r.integer(
            Keys.WORKERS,
            Math.min(Runtime.getRuntime().availableProcessors(), MAX_WORKERS),
            1,
            MAX_WORKERS,
            "a whole number of parallel workers from 1 to " + MAX_WORKERS,
            "-D" + Keys.WORKERS + "=4");
    this.backend = r.oneOf(Keys.BACKEND, Backend.class, Backend.EMBEDDED);
    this.services = r.services();
    this.isolation = r.oneOf(Keys.ISOLATION, Isolation.class, Isolation.LANES);
    this.reset = r.oneOf(Keys.RESET, EnumSet.of(Reset.TEST, Reset.CLASS, Reset.NONE), Reset.TEST);
    this.postgresSchema = r.list(Keys.POSTGRES_SCHEMA);
    this.cassandraSchema = r.list(Keys.CASSANDRA_SCHEMA);
    this.postgresFlyway = r.list(Keys.POSTGRES_FLYWAY);
    this.postgresLiquibase = r.optional(Keys.POSTGRES_LIQUIBASE);
    this.keepAlive =
        r.duration(
            Keys.KEEP_ALIVE,
            Duration.ZERO,
            false,
            Duration.ofDays(7),
            "a duration from 0 to 7d, such as 0, 500ms, 30s, 10m, 1h or PT10M",
            "10m");
    this.shard = r.shard(MAX_SHARDS);
    this.report =
        r.bool(
            Keys.REPORT,
            true,
            "write -D" + Keys.REPORT + "=false to turn the report off, or remove the key");
    String writableDirectory = "a writable directory, or one that can be created";
    this.reportDir =
        r.path(
                Keys.REPORT_DIR,
                writableDirectory,
                "point it at such a directory, or remove the key to use target/testlanes",
                Values.PathRule.WRITABLE_DIRECTORY)
            .orElse(DEFAULT_REPORT_DIR);
    this.timingsFile =
        r.path(
                Keys.TIMINGS_FILE,
                "a writable file, or one that can be created",
                "point it at a file in a writable directory, such as"
                    + " target/testlanes/timings.json",
                Values.PathRule.WRITABLE_FILE)
            .orElse(reportDir.resolve(TIMINGS_FILE_NAME));
    this.postgresUrl = r.optional(Keys.POSTGRES_URL);
    this.redisUrl = r.optional(Keys.REDIS_URL);
    this.cassandraContactPoints = r.list(Keys.CASSANDRA_CONTACT_POINTS);
    this.cassandraLocalDatacenter = r.string(Keys.CASSANDRA_LOCAL_DATACENTER, "datacenter1");
    this.cassandraUser = r.optional(Keys.CASSANDRA_USER);
    this.cassandraPassword = r.optional(Keys.CASSANDRA_PASSWORD).orElse("");
    this.dockerPostgresImage = r.image(Keys.DOCKER_POSTGRES_IMAGE, "postgres:17");
    this.dockerRedisImage = r.image(Keys.DOCKER_REDIS_IMAGE, "redis:7");
    this.dockerCassandraImage = r.image(Keys.DOCKER_CASSANDRA_IMAGE, "cassandra:5.0");
    this.postgresBinaries =
        r.mavenOr(
            Keys.POSTGRES_BINARIES,
            FROM_MAVEN + " or a directory of Postgres binaries",
            "point it at the directory that holds initdb and postgres, such as"
                + " /usr/lib/postgresql/15/bin, or remove the key to use the Maven artifact's",
            Values.PathRule.EXISTING_DIRECTORY);
    this.redisBinary =
        r.mavenOr(
            Keys.REDIS_BINARY,
            FROM_MAVEN + ", a command name or the path of an executable redis-server",
            "point it at redis-server, such as /usr/bin/redis-server, or remove the key to use"
                + " the Maven artifact's",
            Values.PathRule.EXECUTABLE);
    this.cassandraVersion = r.version(Keys.CASSANDRA_VERSION, "5.0.6");
    this.cassandraJavaHome =
        r.path(
            Keys.CASSANDRA_JAVA_HOME,
            "a Java installation with bin/java",
            "point it at a Java 17 home such as /usr/lib/jvm/java-17-openjdk-amd64, or remove the"
                + " key to let testlanes find one",
            Values.PathRule.JAVA_HOME);
    this.cassandraHeapMegabytes =
        r.sizeMegabytes(
            Keys.CASSANDRA_HEAP,
            512,
            64,
            32 * 1024,
            "a memory size from 64m to 32g, such as 512m or 1g");
    this.startTimeout =
        r.duration(
            Keys.START_TIMEOUT,
            Duration.ofSeconds(120),
            true,
            Duration.ofHours(1),
            "a duration greater than 0 and at most 1h, such as 30s, 2m or PT2M",
            "2m");
    this.cacheDir =
        r.path(
            Keys.CACHE_DIR,
            writableDirectory,
            "point it at such a directory, or remove the key to use the default",
            Values.PathRule.WRITABLE_DIRECTORY);
    this.dataDir =
        r.path(
            Keys.DATA_DIR,
            writableDirectory,
            "point it at such a directory, or remove the key to use /dev/shm",
            Values.PathRule.WRITABLE_DIRECTORY);
    this.postgresFsync =
        r.bool(Keys.POSTGRES_FSYNC, false, "write -D" + Keys.POSTGRES_FSYNC + "=true or false");
    this.runId = r.optional(Keys.RUN_ID);
    this.leaseTimeout =
        r.duration(
            Keys.LEASE_TIMEOUT,
            Duration.ofMinutes(10),
            true,
            Duration.ofHours(24),
            "a duration greater than 0 and at most 24h, such as 30s, 10m or PT10M",
            "10m");
    this.given = r.given();
  }

  /** Settings from system properties, then environment variables, then defaults. */
  public static Settings load() {
    return load(List.of(ConfigSource.systemProperties(), ConfigSource.environment()));
  }

  /**
   * Settings from the given sources; for each key the first source that sets it wins.
   *
   * @throws ConfigurationException if a value is invalid, or a source holds a {@code testlanes.*}
   *     name (a {@code TESTLANES_*} variable) that is no key of {@link Keys}
   */
  public static Settings load(List<ConfigSource> sources) {
    List<ConfigSource> all = List.copyOf(sources);
    UnknownKeys.check(all);
    return new Settings(new Values(all));
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

  /** {@link Keys#REPORT}: whether the run report is written. */
  public boolean report() {
    return report;
  }

  /** {@link Keys#REPORT_DIR}, as configured (may be relative to the working directory). */
  public Path reportDir() {
    return reportDir;
  }

  /** {@link Keys#TIMINGS_FILE}, as configured (may be relative to the working directory). */
  public Path timingsFile() {
    return timingsFile;
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

  /** {@link Keys#CASSANDRA_USER}. */
  public Optional<String> cassandraUser() {
    return cassandraUser;
  }

  /** {@link Keys#CASSANDRA_PASSWORD}; empty when not set. */
  public String cassandraPassword() {
    return cassandraPassword;
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
   * The settings that decide what the run's service host starts and how, by key in the order of
   * {@link Keys}, each with its effective value as text (defaults included, {@code ""} where the
   * default is chosen by the host itself, such as the cache directory). Two runs with equal maps
   * can share a host; a run whose map differs from a warm host's must not attach to it silently.
   *
   * <p>Only the keys that matter for this {@link #backend()} are included: a Docker image does not
   * change an embedded host. How long a host lives ({@link Keys#KEEP_ALIVE}) or waits for a start
   * ({@link Keys#START_TIMEOUT}) does not change what it starts: a re-run without keepAlive uses
   * the services a run with it left warm. Paths are absolute, durations ISO-8601, the heap in
   * megabytes ({@code 512m}). The values include passwords (in endpoint URLs): compare them, never
   * print them; {@link #describeDifferences} masks them.
   */
  public Map<String, String> hostSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Keys.BACKEND, backend.name().toLowerCase(Locale.ROOT));
    switch (backend) {
      case EXTERNAL:
        m.put(Keys.POSTGRES_URL, postgresUrl.orElse(NOT_SET));
        m.put(Keys.REDIS_URL, redisUrl.orElse(NOT_SET));
        m.put(Keys.CASSANDRA_CONTACT_POINTS, String.join(",", cassandraContactPoints));
        m.put(Keys.CASSANDRA_LOCAL_DATACENTER, cassandraLocalDatacenter);
        m.put(Keys.CASSANDRA_USER, cassandraUser.orElse(NOT_SET));
        m.put(Keys.CASSANDRA_PASSWORD, cassandraPassword);
        break;
      case DOCKER:
        m.put(Keys.DOCKER_POSTGRES_IMAGE, dockerPostgresImage);
        m.put(Keys.DOCKER_REDIS_IMAGE, dockerRedisImage);
        m.put(Keys.DOCKER_CASSANDRA_IMAGE, dockerCassandraImage);
        m.put(Keys.CASSANDRA_HEAP, cassandraHeapMegabytes + "m");
        m.put(Keys.POSTGRES_FSYNC, Boolean.toString(postgresFsync));
        break;
      case EMBEDDED:
        m.put(Keys.POSTGRES_BINARIES, absoluteUnlessMaven(postgresBinaries, false));
        m.put(Keys.REDIS_BINARY, absoluteUnlessMaven(redisBinary, true));
        m.put(Keys.CASSANDRA_VERSION, cassandraVersion);
        m.put(Keys.CASSANDRA_JAVA_HOME, absolute(cassandraJavaHome));
        m.put(Keys.CASSANDRA_HEAP, cassandraHeapMegabytes + "m");
        m.put(Keys.POSTGRES_FSYNC, Boolean.toString(postgresFsync));
        m.put(Keys.CACHE_DIR, absolute(cacheDir));
        m.put(Keys.DATA_DIR, absolute(dataDir));
        break;
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String key : Keys.all()) {
      if (m.containsKey(key)) {
        ordered.put(key, m.get(key));
      }
    }
    return Collections.unmodifiableMap(ordered);
  }

  /**
   * The keys whose values differ between {@link #hostSettings()} and {@code other} (another run's
   * or a warm host's host settings), each with both values, passwords masked: {@code
   * testlanes.backend is docker here, embedded there; ...}. Empty when they agree.
   */
  public String describeDifferences(Map<String, String> other) {
    Map<String, String> mine = hostSettings();
    Set<String> keys = new LinkedHashSet<>(Keys.all());
    keys.addAll(new TreeSet<>(other.keySet()));
    List<String> differences = new ArrayList<>();
    for (String key : keys) {
      String here = mine.get(key);
      String there = other.get(key);
      if (!Objects.equals(here, there)) { // both null: a key neither side uses
        differences.add(key + " is " + shown(key, here) + " here, " + shown(key, there) + " there");
      }
    }
    return String.join("; ", differences);
  }

  private static String shown(String key, @Nullable String value) {
    if (value == null) {
      return "not used";
    }
    if (value.equals(NOT_SET)) {
      return "not set";
    }
    if (key.equals(Keys.CASSANDRA_PASSWORD)) {
      return "***";
    }
    return SECRET.contains(key) ? maskPasswords(value) : value;
  }

  /**
   * {@code url} with the passwords it may hold replaced by {@code ***}: a {@code password=}
   * parameter and the password of {@code user:password@}.
   */
  static String maskPasswords(String url) {
    String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }

  private static String absolute(Optional<Path> path) {
    return path.map(p -> p.toAbsolutePath().normalize().toString()).orElse(NOT_SET);
  }

  /**
   * The value with a path made absolute; {@code maven}, or a command name run from the PATH, as is.
   */
  private static String absoluteUnlessMaven(String value, boolean commandName) {
    return value.equals(FROM_MAVEN) || (commandName && !value.contains("/"))
        ? value
        : Path.of(value).toAbsolutePath().normalize().toString();
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
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    try {
      long amount = Long.parseLong(m.group(1));
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
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration too long: " + text, e);
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
}

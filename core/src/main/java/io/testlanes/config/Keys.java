package io.testlanes.config;

import java.util.List;

/**
 * Every configuration key of testlanes, in one place.
 *
 * <p>Each key can be given, in this order of precedence (the first that is set wins):
 *
 * <ol>
 *   <li>a JVM system property: {@code -Dtestlanes.workers=4};
 *   <li>an environment variable: the key upper-cased, dots replaced by underscores: {@code
 *       TESTLANES_WORKERS=4}, {@code TESTLANES_DOCKER_POSTGRESIMAGE=postgres:17};
 *   <li>a JUnit Platform configuration parameter, e.g. a line in {@code
 *       src/test/resources/junit-platform.properties};
 *   <li>the default given here.
 * </ol>
 *
 * <p>Command-line and CI settings therefore override what a project commits to its properties file.
 * A value that cannot be parsed or is out of range fails at once, when the settings are loaded and
 * before any service starts, with a {@link ConfigurationException} that names the key, the value,
 * where it came from, what was expected and how to fix it. So does a key that is not one of these:
 * a system property or JUnit configuration parameter that starts with {@value #PREFIX}, or an
 * environment variable that starts with {@code TESTLANES_}, must name a key listed here ({@link
 * #all()}); a misspelt one fails with the nearest key as a suggestion instead of being ignored.
 */
public final class Keys {

  /** Prefix shared by every key: {@value}. */
  public static final String PREFIX = "testlanes.";

  /**
   * Number of parallel workers in one JVM, and so of lanes it leases: {@value}. An integer from 1
   * to {@value Settings#MAX_WORKERS}: more tests at once than that in one JVM only queue on the
   * services (each lane is a database, a keyspace and a Redis database, checked against each
   * store's capacity when the run starts); fork more JVMs to go wider. Default: the number of
   * available processors, at most {@value Settings#MAX_WORKERS}.
   */
  public static final String WORKERS = "testlanes.workers";

  /**
   * Where the services come from: {@value}. One of {@code embedded} (default; binaries from Maven
   * artifacts, no Docker), {@code docker} (Testcontainers) or {@code external} (endpoints given by
   * {@link #POSTGRES_URL}, {@link #REDIS_URL}, {@link #CASSANDRA_CONTACT_POINTS}).
   */
  public static final String BACKEND = "testlanes.backend";

  /**
   * Which services the run needs: {@value}. A comma-separated list of {@code postgres}, {@code
   * redis}, {@code cassandra}. Default: those whose client driver is on the classpath.
   */
  public static final String SERVICES = "testlanes.services";

  /**
   * How workers are kept apart: {@value}. {@code lanes} (default): each worker its own database,
   * keyspace and Redis database; {@code shared}: every worker on one of each, the naive setup, kept
   * to demonstrate and measure the failure.
   */
  public static final String ISOLATION = "testlanes.isolation";

  /**
   * When a lane returns to the template's state (its schema, the rows its scripts and migrations
   * inserted, its sequences; Redis empty): {@value}. {@code test} (default: before each test and at
   * lease), {@code class} (at lease: before each test class, or each concurrent test method) or
   * {@code none} (never: a lane keeps what earlier holders left, across classes and JVMs of the
   * run; only its first holder in a run gets it from the template; with more than one lane the data
   * a test finds is order-dependent). A class overrides it with {@code @TestLanes(reset = …)}. See
   * {@link Reset}.
   */
  public static final String RESET = "testlanes.reset";

  /**
   * SQL scripts that build the Postgres schema, applied once to the template database: {@value}.
   * Comma-separated classpath locations, applied in order. Default: none.
   */
  public static final String POSTGRES_SCHEMA = "testlanes.postgres.schema";

  /**
   * Flyway migrations applied to the Postgres template after {@link #POSTGRES_SCHEMA}: {@value}.
   * Comma-separated Flyway locations such as {@code classpath:db/migration}. Needs {@code
   * org.flywaydb:flyway-core} and {@code flyway-database-postgresql} on the test classpath. The
   * template is rebuilt when a migration's content changes. Default: none.
   */
  public static final String POSTGRES_FLYWAY = "testlanes.postgres.flyway";

  /**
   * A Liquibase changelog applied to the Postgres template after {@link #POSTGRES_FLYWAY}:
   * {@value}. One classpath location such as {@code
   * classpath:db/changelog/db.changelog-master.yaml}; every file in its folder and below counts for
   * the template's hash. Needs {@code org.liquibase:liquibase-core} (4.x) on the test classpath.
   * Default: none.
   */
  public static final String POSTGRES_LIQUIBASE = "testlanes.postgres.liquibase";

  /**
   * CQL scripts that build each lane's Cassandra keyspace: {@value}. Comma-separated classpath
   * locations, applied in order. Default: none.
   */
  public static final String CASSANDRA_SCHEMA = "testlanes.cassandra.schema";

  /**
   * How long services outlive the run, for a warm re-run: {@value}. A duration such as {@code 10m},
   * {@code 30s}, {@code 1h}, {@code 500ms}, or an ISO-8601 duration ({@code PT10M}), from {@code 0}
   * to {@code 7d}. Default: {@code 0} (stop when the run ends).
   */
  public static final String KEEP_ALIVE = "testlanes.keepAlive";

  /**
   * Runs only one shard of the test classes: {@value}. {@code i/n} with 1 &le; i &le; n &le;
   * {@value Settings#MAX_SHARDS}. Default: none (run everything).
   */
  public static final String SHARD = "testlanes.shard";

  /**
   * Whether a run writes its report (console summary, {@code report.html}, timings): {@value}.
   * {@code true} (default) or {@code false}.
   */
  public static final String REPORT = "testlanes.report";

  /**
   * Directory of the run report, {@code report.html} and the per-JVM parts it is built from:
   * {@value}. A path, relative to the working directory, of a writable directory or of one that can
   * be created (checked when the settings are loaded). Default: {@code target/testlanes}.
   */
  public static final String REPORT_DIR = "testlanes.report.dir";

  /**
   * File that keeps each test class's time, written at the end of a run and read by {@link #SHARD}
   * to balance shards: {@value}. A path of a writable file, or of one that can be created (checked
   * when the settings are loaded); CI caches and restores it. Default: {@code
   * target/testlanes/timings.json}, i.e. {@code timings.json} in {@link #REPORT_DIR}.
   */
  public static final String TIMINGS_FILE = "testlanes.timings.file";

  /**
   * JDBC URL of an existing Postgres server for the {@code external} backend: {@value}. For example
   * {@code jdbc:postgresql://db:5432/postgres?user=test&password=secret}. The user must be allowed
   * to create databases. Checked by the {@code external} backend when it starts, naming this key.
   */
  public static final String POSTGRES_URL = "testlanes.postgres.url";

  /**
   * URI of an existing Redis server for the {@code external} backend: {@value}. For example {@code
   * redis://:secret@cache:6379}. Checked by the {@code external} backend when it starts, naming
   * this key.
   */
  public static final String REDIS_URL = "testlanes.redis.url";

  /**
   * Contact points of an existing Cassandra cluster for the {@code external} backend: {@value}.
   * Comma-separated {@code host:port} pairs. Checked by the {@code external} backend when it
   * starts, naming this key.
   */
  public static final String CASSANDRA_CONTACT_POINTS = "testlanes.cassandra.contactPoints";

  /**
   * Local datacenter of the {@code external} Cassandra cluster: {@value}. Default: {@code
   * datacenter1}.
   */
  public static final String CASSANDRA_LOCAL_DATACENTER = "testlanes.cassandra.localDatacenter";

  /**
   * User that logs in to the {@code external} Cassandra cluster: {@value}. Default: none (a cluster
   * without authentication). Give the password with {@link #CASSANDRA_PASSWORD}, best as the
   * environment variable {@code TESTLANES_CASSANDRA_PASSWORD}.
   */
  public static final String CASSANDRA_USER = "testlanes.cassandra.user";

  /**
   * Password of {@link #CASSANDRA_USER} for the {@code external} Cassandra cluster: {@value}.
   * Default: none.
   */
  public static final String CASSANDRA_PASSWORD = "testlanes.cassandra.password";

  /** Postgres image for the {@code docker} backend: {@value}. Default: {@code postgres:17}. */
  public static final String DOCKER_POSTGRES_IMAGE = "testlanes.docker.postgresImage";

  /** Redis image for the {@code docker} backend: {@value}. Default: {@code redis:7}. */
  public static final String DOCKER_REDIS_IMAGE = "testlanes.docker.redisImage";

  /** Cassandra image for the {@code docker} backend: {@value}. Default: {@code cassandra:5.0}. */
  public static final String DOCKER_CASSANDRA_IMAGE = "testlanes.docker.cassandraImage";

  /**
   * Postgres binaries for the {@code embedded} backend: {@value}. {@code maven} (default: zonky's
   * binaries artifact on the classpath, extracted once into the cache) or the path of a directory
   * holding {@code initdb}, {@code pg_ctl} and {@code postgres}, such as {@code
   * /usr/lib/postgresql/15/bin}. That the directory exists is checked when the settings are loaded;
   * that it holds executables the Postgres user can run, when Postgres starts, naming this key
   * either way.
   */
  public static final String POSTGRES_BINARIES = "testlanes.postgres.binaries";

  /**
   * Redis binary for the {@code embedded} backend: {@value}. {@code maven} (default: the binary
   * shipped in the {@code embedded-redis} artifact), the path of a {@code redis-server} executable
   * (checked when the settings are loaded), or a command name looked up on the {@code PATH} when
   * Redis starts, naming this key either way.
   */
  public static final String REDIS_BINARY = "testlanes.redis.binary";

  /**
   * Cassandra version started by the {@code embedded} backend: {@value}. Resolved from Maven as
   * {@code org.apache.cassandra:cassandra-all}: a version number such as {@code 5.0.6}, checked for
   * its form when the settings are loaded and resolved when Cassandra starts. Default: {@code
   * 5.0.6}.
   */
  public static final String CASSANDRA_VERSION = "testlanes.cassandra.version";

  /**
   * Java installation that runs embedded Cassandra: {@value}. Cassandra 5.0 runs on Java 11 or 17,
   * not newer. A directory holding an executable {@code bin/java} (checked when the settings are
   * loaded; its version when Cassandra starts, naming this key). Default: the running JVM's if it
   * is 17 or older, else a Java 17 found in {@code /usr/lib/jvm}.
   */
  public static final String CASSANDRA_JAVA_HOME = "testlanes.cassandra.javaHome";

  /**
   * Heap of embedded Cassandra: {@value}. A size such as {@code 512m} or {@code 1g}, from {@code
   * 64m} to {@code 32g}. Default: {@code 512m}.
   */
  public static final String CASSANDRA_HEAP = "testlanes.cassandra.heap";

  /**
   * How long a service may take to become ready before the start fails: {@value}. A duration
   * greater than 0 and at most {@code 1h}. Default: {@code 120s}.
   */
  public static final String START_TIMEOUT = "testlanes.startTimeout";

  /**
   * Directory for caches kept across runs (extracted binaries, Cassandra class-data archives):
   * {@value}. Default: {@code $XDG_CACHE_HOME/testlanes} or {@code ~/.cache/testlanes}; as root
   * {@code /var/cache/testlanes}, so that the unprivileged user that runs Postgres can read it.
   * When set: a writable directory, or one that can be created, checked when the settings are
   * loaded.
   */
  public static final String CACHE_DIR = "testlanes.cacheDir";

  /**
   * Directory that holds the services' data: {@value}. Default: {@code /dev/shm} (tmpfs) when it
   * exists and is writable, else the system temporary directory. When set: a writable directory, or
   * one that can be created, checked when the settings are loaded.
   */
  public static final String DATA_DIR = "testlanes.dataDir";

  /**
   * Whether Postgres started by testlanes makes its writes durable: {@value}. {@code true} turns
   * {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, as on a production
   * server; useful only to measure what durability costs a test suite. Default: {@code false}.
   */
  public static final String POSTGRES_FSYNC = "testlanes.postgres.fsync";

  /**
   * Identifies the run: {@value}. JVMs with the same run id on one machine share one set of
   * services. Default: derived from the project directory (Surefire's {@code basedir} property,
   * else the working directory), so that the forks of one module share and two projects never do.
   */
  public static final String RUN_ID = "testlanes.runId";

  /**
   * How long a test waits for a free lane before it fails: {@value}. A duration greater than 0 and
   * at most {@code 24h}. Default: {@code 10m}.
   */
  public static final String LEASE_TIMEOUT = "testlanes.leaseTimeout";

  /** Every key above, in the order of this class; a test keeps it complete. */
  private static final List<String> ALL =
      List.of(
          WORKERS,
          BACKEND,
          SERVICES,
          ISOLATION,
          RESET,
          POSTGRES_SCHEMA,
          POSTGRES_FLYWAY,
          POSTGRES_LIQUIBASE,
          CASSANDRA_SCHEMA,
          KEEP_ALIVE,
          SHARD,
          REPORT,
          REPORT_DIR,
          TIMINGS_FILE,
          POSTGRES_URL,
          REDIS_URL,
          CASSANDRA_CONTACT_POINTS,
          CASSANDRA_LOCAL_DATACENTER,
          CASSANDRA_USER,
          CASSANDRA_PASSWORD,
          DOCKER_POSTGRES_IMAGE,
          DOCKER_REDIS_IMAGE,
          DOCKER_CASSANDRA_IMAGE,
          POSTGRES_BINARIES,
          REDIS_BINARY,
          CASSANDRA_VERSION,
          CASSANDRA_JAVA_HOME,
          CASSANDRA_HEAP,
          START_TIMEOUT,
          CACHE_DIR,
          DATA_DIR,
          POSTGRES_FSYNC,
          RUN_ID,
          LEASE_TIMEOUT);

  private Keys() {}

  /**
   * Every key testlanes reads, in the order of this class. Any other name under {@link #PREFIX}
   * fails as unknown.
   */
  public static List<String> all() {
    return ALL;
  }
}

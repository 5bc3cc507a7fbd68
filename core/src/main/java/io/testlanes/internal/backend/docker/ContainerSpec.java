package io.testlanes.internal.backend.docker;

import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.CassandraDefaultRole;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run for one service: image, port, environment, files, command, tmpfs, the log line that
 * says the server is up, and the credentials it was given. Tuned for tests: data on tmpfs, no
 * durability, small heap. Works with the official images and with the local ones from {@code
 * ci/images}.
 *
 * <p>No lasting secret goes where another user of the machine could read it: a container's command
 * line is in the host's {@code /proc}, and its environment is readable there by the host user with
 * the container user's uid. Redis reads its password from a file copied into the container;
 * Postgres and Cassandra start with a throw-away password (a random one in the environment, the
 * well-known {@code cassandra}), which the backend replaces over the first connection ({@link
 * #replacesPassword()}).
 *
 * @param files content to copy into the container before it starts, by path
 * @param readyLog a regular expression for a line of the container's log
 * @param readyLogTimes how many times that line must appear (the Postgres entrypoints start a
 *     temporary server first, which says it once too)
 * @param password the password the server starts with
 */
record ContainerSpec(
    Service service,
    String image,
    int port,
    Map<String, String> env,
    Map<String, String> files,
    List<String> command,
    String dataDir,
    String readyLog,
    int readyLogTimes,
    String user,
    String password,
    Map<String, String> attributes) {

  static final String POSTGRES_USER = "testlanes";
  static final String POSTGRES_DATABASE = "postgres";
  static final String POSTGRES_DATA = "/var/lib/postgresql/data";
  static final String CASSANDRA_DATACENTER = "datacenter1";

  /**
   * JVM options for a fast single-node start, through {@code JVM_EXTRA_OPTS} (appended by the
   * official image's cassandra-env.sh and by the local image's start script). The {@code
   * cassandra.settings.*} properties override cassandra.yaml when {@code
   * cassandra.config.allow_system_properties} is true (Cassandra 4.1+).
   */
  static final List<String> CASSANDRA_JVM_OPTIONS =
      List.of(
          "-Dcassandra.config.allow_system_properties=true",
          "-Dcassandra.settings.auto_snapshot=false",
          "-Dcassandra.skip_wait_for_gossip_to_settle=0",
          "-Dcassandra.ring_delay_ms=0",
          "-Dcassandra.unsafesystem=true",
          "-Dcassandra.skip_sync=true",
          "-Dcassandra.test.flush_local_schema_changes=false",
          "-Dcassandra.memtable.row_overhead_size=181",
          "-Dcassandra.shutdown_announce_in_ms=0",
          "-Dcassandra.settings.authenticator=PasswordAuthenticator",
          "-Dcassandra.settings.credentials_validity=0ms",
          "-Dcassandra.superuser_setup_delay_ms=0",
          "-Dcassandra.auth_bcrypt_gensalt_log2_rounds=4",
          "-XX:TieredStopAtLevel=1");

  /** Where the Redis container reads its configuration (with the password) from. */
  static final String REDIS_CONFIG = "/etc/testlanes-redis.conf";

  ContainerSpec {
    env = Map.copyOf(env);
    files = Map.copyOf(files);
    command = List.copyOf(command);
    attributes = Map.copyOf(attributes);
  }

  static ContainerSpec of(Service service, Settings settings, int lanes) {
    switch (service) {
      case POSTGRES:
        return postgres(settings.dockerPostgresImage(), settings.postgresFsync());
      case REDIS:
        return redis(settings.dockerRedisImage(), lanes);
      case CASSANDRA:
        return cassandra(settings.dockerCassandraImage(), settings.cassandraHeapMegabytes());
    }
    throw new IllegalArgumentException("unknown service " + service);
  }

  static ContainerSpec postgres(String image) {
    return postgres(image, false);
  }

  /**
   * Postgres on tmpfs; durability off unless {@code durable} ({@link
   * io.testlanes.config.Keys#POSTGRES_FSYNC}).
   */
  static ContainerSpec postgres(String image, boolean durable) {
    String onOff = durable ? "on" : "off";
    String password = newPassword();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("POSTGRES_USER", POSTGRES_USER);
    env.put("POSTGRES_PASSWORD", password);
    env.put("POSTGRES_DB", POSTGRES_DATABASE);
    env.put("PGDATA", POSTGRES_DATA);
    return new ContainerSpec(
        Service.POSTGRES,
        image,
        5432,
        env,
        Map.of(),
        List.of(
            "postgres",
            "-c",
            "fsync=" + onOff,
            "-c",
            "synchronous_commit=" + onOff,
            "-c",
            "full_page_writes=" + onOff),
        POSTGRES_DATA,
        ".*database system is ready to accept connections.*\\s",
        2,
        POSTGRES_USER,
        password,
        Map.of(ServiceEndpoint.DATABASE, POSTGRES_DATABASE));
  }

  /**
   * Redis with one logical database per lane plus database 0, without persistence, its password in
   * a configuration file.
   */
  static ContainerSpec redis(String image, int lanes) {
    String password = newPassword();
    int databases = Math.max(16, lanes + 1);
    String config =
        String.join(
            "\n",
            "bind 0.0.0.0",
            "protected-mode no",
            "save \"\"",
            "appendonly no",
            "databases " + databases,
            "requirepass " + password,
            "");
    return new ContainerSpec(
        Service.REDIS,
        image,
        6379,
        Map.of(),
        Map.of(REDIS_CONFIG, config),
        List.of("redis-server", REDIS_CONFIG),
        "/data",
        ".*Ready to accept connections.*\\s",
        1,
        "default",
        password,
        Map.of(ServiceEndpoint.DATABASES, Integer.toString(databases)));
  }

  /**
   * Cassandra with PasswordAuthenticator, set through system properties (the official image has no
   * setting for it): the default role is made at once, and its password {@code cassandra} is
   * replaced on the first connection, as on the embedded backend.
   */
  static ContainerSpec cassandra(String image, int heapMegabytes) {
    Map<String, String> env = new LinkedHashMap<>();
    // cassandra-env.sh wants both or neither; with G1 (the default) the young size is ignored.
    env.put("MAX_HEAP_SIZE", heapMegabytes + "M");
    env.put("HEAP_NEWSIZE", Math.max(32, heapMegabytes / 4) + "M");
    env.put("CASSANDRA_NUM_TOKENS", "1");
    env.put("JVM_EXTRA_OPTS", String.join(" ", CASSANDRA_JVM_OPTIONS));
    return new ContainerSpec(
        Service.CASSANDRA,
        image,
        9042,
        env,
        Map.of(),
        List.of(),
        "/var/lib/cassandra",
        ".*Starting listening for CQL clients.*\\s",
        1,
        CassandraDefaultRole.USER,
        CassandraDefaultRole.DEFAULT_PASSWORD,
        Map.of(ServiceEndpoint.DATACENTER, CASSANDRA_DATACENTER));
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /**
   * 32 letters and digits (190 bits): safe in URIs, command lines and connection strings, and never
   * mistaken for an option.
   */
  static String newPassword() {
    StringBuilder s = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  /** Whether the server's password must be replaced once it answers (see the class comment). */
  boolean replacesPassword() {
    return service != Service.REDIS;
  }

  /** The setting that names this service's image, for error messages. */
  String imageKey() {
    switch (service) {
      case POSTGRES:
        return io.testlanes.config.Keys.DOCKER_POSTGRES_IMAGE;
      case REDIS:
        return io.testlanes.config.Keys.DOCKER_REDIS_IMAGE;
      default:
        return io.testlanes.config.Keys.DOCKER_CASSANDRA_IMAGE;
    }
  }
}

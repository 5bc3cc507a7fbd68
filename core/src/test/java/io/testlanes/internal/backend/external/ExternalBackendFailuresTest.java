package io.testlanes.internal.backend.external;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.backend.embedded.FreePorts;
import io.testlanes.internal.lane.TestServices;
import io.testlanes.internal.process.Watchdog;
import io.testlanes.internal.run.ServiceSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The external backend against real servers that refuse: a closed port, wrong passwords, a
 * Cassandra that requires a login. Each fails at once (not after {@link Keys#START_TIMEOUT}),
 * naming the service, the key to fix and the server's own answer; several at once fail together.
 * The servers are embedded ones that this class starts; the external backend only knows their
 * addresses.
 */
class ExternalBackendFailuresTest {
  /** Far longer than any of these failures may take: a retry loop would show. */
  private static final String START_TIMEOUT = "60s";

  private static TestServices servers;
  private static Watchdog watchdog;

  @BeforeAll
  static void startServers() {
    watchdog = Watchdog.start();
    servers =
        TestServices.start(
            4,
            Map.of(Keys.BACKEND, "embedded"),
            Service.POSTGRES,
            Service.REDIS,
            Service.CASSANDRA);
  }

  @AfterAll
  static void stopServers() {
    try {
      if (servers != null) {
        servers.close();
      }
    } finally {
      watchdog.close();
    }
  }

  @Test
  void aRefusedConnectionFailsWithinSecondsNamingTheKey() {
    int port = FreePorts.freePort();
    Settings s = external(Map.of(Keys.POSTGRES_URL, postgresUrl(port, "u", "p")));

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> start(Service.POSTGRES, s))
        .isInstanceOf(ServiceStartException.class)
        .hasMessage(
            "postgres failed to start: the external postgres at 127.0.0.1:"
                + port
                + " (from testlanes.postgres.url) did not answer within 3 s: "
                + refused(port)
                + ". Fix: check that the server runs and that testlanes.postgres.url names its"
                + " address, or use -Dtestlanes.backend=embedded");
    printSeconds("refused connection", t0);
  }

  @Test
  void aWrongPostgresPasswordFailsAtOnce() {
    ServiceEndpoint pg = servers.endpoint(Service.POSTGRES);
    Settings s = external(Map.of(Keys.POSTGRES_URL, postgresUrl(pg.port(), pg.user(), "wrong")));

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> start(Service.POSTGRES, s))
        .isInstanceOf(ServiceStartException.class)
        .hasMessage(wrongPostgresPassword(pg));
    printSeconds("wrong Postgres password", t0);
  }

  @Test
  void aWrongRedisPasswordFailsAtOnce() {
    ServiceEndpoint redis = servers.endpoint(Service.REDIS);
    Settings s = external(Map.of(Keys.REDIS_URL, "redis://:wrong@127.0.0.1:" + redis.port()));

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> start(Service.REDIS, s))
        .isInstanceOf(ServiceStartException.class)
        .hasMessage(wrongRedisPassword(redis));
    printSeconds("wrong Redis password", t0);
  }

  @Test
  void wrongCassandraCredentialsFailAtOnce() {
    ServiceEndpoint cassandra = servers.endpoint(Service.CASSANDRA);
    Settings s = external(cassandraSettings(cassandra, "cassandra", "wrong"));

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> start(Service.CASSANDRA, s))
        .isInstanceOf(ServiceStartException.class)
        .hasMessage(wrongCassandraPassword(cassandra));
    printSeconds("wrong Cassandra password", t0);
  }

  @Test
  void aCassandraThatRequiresALoginIsRejectedWithoutOne() {
    ServiceEndpoint cassandra = servers.endpoint(Service.CASSANDRA);
    Settings s = external(Map.of(Keys.CASSANDRA_CONTACT_POINTS, "127.0.0.1:" + cassandra.port()));

    assertThatThrownBy(() -> start(Service.CASSANDRA, s))
        .isInstanceOf(ServiceStartException.class)
        .hasMessageStartingWith(
            "cassandra failed to start: the external cassandra at 127.0.0.1:"
                + cassandra.port()
                + " (from testlanes.cassandra.contactPoints) rejected the password: ")
        .hasMessageContaining(
            "requires authentication (org.apache.cassandra.auth.PasswordAuthenticator), but no"
                + " authenticator configured")
        .hasMessageEndingWith(
            ". Fix: correct the user and password in testlanes.cassandra.user and"
                + " testlanes.cassandra.password");
  }

  @Test
  void aPasswordWithoutAUserIsAConfigurationError() {
    Settings s =
        external(
            Map.of(Keys.CASSANDRA_CONTACT_POINTS, "127.0.0.1:9042", Keys.CASSANDRA_PASSWORD, "p"));

    assertThatThrownBy(() -> start(Service.CASSANDRA, s))
        .hasMessage(
            "Missing value for testlanes.cassandra.user: expected a user, because"
                + " testlanes.cassandra.password is set. Fix: set -Dtestlanes.cassandra.user=USER,"
                + " or remove testlanes.cassandra.password.");
  }

  @Test
  void servicesThatFailTogetherAreNamedInOneError() {
    int closed = FreePorts.freePort();
    ServiceEndpoint pg = servers.endpoint(Service.POSTGRES);
    ServiceEndpoint redis = servers.endpoint(Service.REDIS);
    ServiceEndpoint cassandra = servers.endpoint(Service.CASSANDRA);
    Map<String, String> all = new HashMap<>(cassandraSettings(cassandra, "cassandra", "wrong"));
    all.put(Keys.POSTGRES_URL, postgresUrl(pg.port(), pg.user(), "wrong"));
    all.put(Keys.REDIS_URL, "redis://:x@127.0.0.1:" + closed);
    Settings s = external(all);

    long t0 = System.nanoTime();
    try (ServiceSet set = new ServiceSet(new ExternalBackend(), context(s))) {
      assertThatThrownBy(
              () -> set.ensure(List.of(Service.POSTGRES, Service.REDIS, Service.CASSANDRA)))
          .isInstanceOf(ServiceStartException.class)
          .hasMessage(
              "postgres, redis and cassandra failed to start:\n- "
                  + wrongPostgresPassword(pg)
                  + "\n- redis failed to start: the external redis at 127.0.0.1:"
                  + closed
                  + " (from testlanes.redis.url) did not answer within 3 s: Failed to connect to"
                  + " 127.0.0.1:"
                  + closed
                  + ": Connection refused. Fix: check that the server runs and that"
                  + " testlanes.redis.url names its address, or use -Dtestlanes.backend=embedded"
                  + "\n- "
                  + wrongCassandraPassword(cassandra));
    }
    printSeconds("three services failing together", t0);
  }

  private static String wrongPostgresPassword(ServiceEndpoint pg) {
    return "postgres failed to start: the external postgres at 127.0.0.1:"
        + pg.port()
        + " (from testlanes.postgres.url) rejected the credentials of user '"
        + pg.user()
        + "': FATAL: password authentication failed for user \""
        + pg.user()
        + "\". Fix: correct the user and password in testlanes.postgres.url";
  }

  private static String wrongRedisPassword(ServiceEndpoint redis) {
    return "redis failed to start: the external redis at 127.0.0.1:"
        + redis.port()
        + " (from testlanes.redis.url) rejected the password: WRONGPASS invalid username-password"
        + " pair or user is disabled. Fix: correct the user and password in testlanes.redis.url";
  }

  private static String wrongCassandraPassword(ServiceEndpoint cassandra) {
    return "cassandra failed to start: the external cassandra at 127.0.0.1:"
        + cassandra.port()
        + " (from testlanes.cassandra.contactPoints) rejected the credentials of user"
        + " 'cassandra': Authentication error on node /127.0.0.1:"
        + cassandra.port()
        + ": server replied with 'Provided username cassandra and/or password are incorrect' to"
        + " AuthResponse request. Fix: correct the user and password in testlanes.cassandra.user"
        + " and testlanes.cassandra.password";
  }

  private static String refused(int port) {
    return "Connection to 127.0.0.1:"
        + port
        + " refused. Check that the hostname and port are correct and that the postmaster is"
        + " accepting TCP/IP connections: Connection refused";
  }

  private static Map<String, String> cassandraSettings(
      ServiceEndpoint cassandra, String user, String password) {
    return Map.of(
        Keys.CASSANDRA_CONTACT_POINTS,
        "127.0.0.1:" + cassandra.port(),
        Keys.CASSANDRA_USER,
        user,
        Keys.CASSANDRA_PASSWORD,
        password);
  }

  private static String postgresUrl(int port, String user, String password) {
    return "jdbc:postgresql://127.0.0.1:"
        + port
        + "/postgres?user="
        + user
        + "&password="
        + password;
  }

  private static Settings external(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put(Keys.BACKEND, "external");
    all.put(Keys.START_TIMEOUT, START_TIMEOUT);
    return Settings.load(List.of(ConfigSource.of("test parameter", all)));
  }

  private static StartContext context(Settings s) {
    // nothing is started, so the data directory is never used
    return new StartContext(s, Path.of("/nonexistent"), Path.of("/nonexistent"), watchdog, 4);
  }

  private static void start(Service service, Settings s) {
    new ExternalBackend().start(service, context(s)).close();
  }

  private static void printSeconds(String what, long t0) {
    Duration d = Duration.ofNanos(System.nanoTime() - t0);
    System.out.printf(
        "%s failed after %d ms (start timeout %s)%n", what, d.toMillis(), START_TIMEOUT);
  }
}

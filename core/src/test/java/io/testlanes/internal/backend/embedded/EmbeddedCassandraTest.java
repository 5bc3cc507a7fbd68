package io.testlanes.internal.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One real Cassandra node, started once for the whole class (each start costs seconds). */
@TestMethodOrder(OrderAnnotation.class)
class EmbeddedCassandraTest {
  private static Settings settings;
  private static Watchdog watchdog;
  private static Path dataRoot;
  private static RunningService cassandra;
  private static CqlSession session;

  @BeforeAll
  static void start() throws IOException {
    settings = Settings.load();
    watchdog = Watchdog.start();
    dataRoot = CassandraTestSupport.dataRoot();
    cassandra =
        new EmbeddedCassandra()
            .start(
                new StartContext(
                    settings, dataRoot, CacheDirs.defaultCacheDir(settings), watchdog, 4));
    ServiceEndpoint e = cassandra.endpoint();
    session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(e.host(), e.port()))
            .withLocalDatacenter(e.attribute(ServiceEndpoint.DATACENTER).orElseThrow())
            .withAuthCredentials(e.user(), e.password())
            .build();
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (session != null) {
        session.close();
      }
      if (cassandra != null) {
        cassandra.close();
      }
    } finally {
      watchdog.close();
      CassandraTestSupport.delete(dataRoot);
    }
  }

  @Test
  @Order(1)
  void answersCqlWithTheConfiguredVersion() {
    String release = single("SELECT release_version FROM system.local");

    assertThat(release).startsWith(settings.cassandraVersion());
    assertThat(cassandra.readyTime()).isPositive();
  }

  @Test
  @Order(1)
  void endpointIsLoopbackWithTheLocalDatacenter() {
    ServiceEndpoint e = cassandra.endpoint();

    assertThat(e.service()).isEqualTo(Service.CASSANDRA);
    assertThat(e.host()).isEqualTo("127.0.0.1");
    assertThat(e.user()).isEqualTo("cassandra");
    assertThat(e.password()).matches("[A-Za-z0-9]{32}");
    assertThat(e.attributes()).containsExactlyEntriesOf(Map.of("datacenter", "datacenter1"));
    assertThat(single("SELECT data_center FROM system.local")).isEqualTo("datacenter1");
  }

  @Test
  @Order(1)
  void autoSnapshotIsOff() {
    String value = single("SELECT value FROM system_views.settings WHERE name = 'auto_snapshot'");

    assertThat(value).isEqualTo("false");
  }

  @Test
  @Order(1)
  void samplesItsRequestClockEvery100MillisecondsNotEvery2() {
    String value =
        single(
            "SELECT value FROM system_views.system_properties"
                + " WHERE name = 'cassandra.approximate_time_precision_ms'");

    assertThat(value).isEqualTo("100");
  }

  @Test
  @Order(1)
  void truncateLeavesNoSnapshot() throws IOException {
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS snap WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS snap.t (k int PRIMARY KEY, v text)");
    session.execute("INSERT INTO snap.t (k, v) VALUES (1, 'one')");
    session.execute("TRUNCATE snap.t");

    assertThat(session.execute("SELECT * FROM snap.t").all()).isEmpty();
    assertThat(CassandraTestSupport.snapshotDirs(nodeDir())).isEmpty();
  }

  @Test
  @Order(1)
  void listensOnlyOnLoopback() throws IOException {
    List<InetSocketAddress> listening = CassandraTestSupport.listeningAddresses(pid());

    assertThat(listening).isNotEmpty();
    assertThat(listening)
        .allSatisfy(a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
    assertThat(listening)
        .extracting(InetSocketAddress::getPort)
        .contains(cassandra.endpoint().port());
  }

  @Test
  @Order(1)
  void itsDirectoryAndLogAreUnderTheDataRoot() {
    assertThat(nodeDir()).startsWith(dataRoot).isDirectory();
    assertThat(nodeDir().resolve("conf/cassandra.yaml")).isRegularFile();
    assertThat(cassandra.logTail(200))
        .contains(
            "Starting listening for CQL clients on /127.0.0.1:" + cassandra.endpoint().port());
  }

  @Test
  @Order(1)
  void theDefaultPasswordNoLongerLogsIn() {
    assertThatThrownBy(() -> connect("cassandra", "cassandra").close())
        .isInstanceOf(AllNodesFailedException.class)
        .hasMessageContaining("Provided username cassandra and/or password are incorrect");
  }

  @Test
  @Order(1)
  void noLoginWithoutCredentials() {
    ServiceEndpoint e = cassandra.endpoint();
    assertThatThrownBy(
            () ->
                CqlSession.builder()
                    .addContactPoint(new InetSocketAddress(e.host(), e.port()))
                    .withLocalDatacenter("datacenter1")
                    .build()
                    .close())
        .isInstanceOf(AllNodesFailedException.class)
        .hasMessageContaining(
            "requires authentication (org.apache.cassandra.auth.PasswordAuthenticator)");
  }

  @Test
  @Order(1)
  void theRunsPasswordLogsInAndTheOnlyRoleIsItsSuperuser() {
    try (CqlSession s = connect("cassandra", cassandra.endpoint().password())) {
      assertThat(s.execute("SELECT role, is_superuser FROM system_auth.roles").all())
          .extracting(r -> r.getString("role") + " " + r.getBoolean("is_superuser"))
          .containsExactly("cassandra true");
    }
  }

  @Test
  @Order(1)
  void thePasswordIsInNoCommandLineOrEnvironment() throws IOException {
    String password = cassandra.endpoint().password();
    byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid()), "cmdline"));
    byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid()), "environ"));

    assertThat(new String(cmdline, StandardCharsets.UTF_8))
        .contains("CassandraDaemon")
        .doesNotContain(password);
    assertThat(new String(environ, StandardCharsets.UTF_8).split("\0"))
        .allMatch(v -> v.startsWith("PATH=") || v.startsWith("LANG=") || v.startsWith("TZ="));
  }

  @Test
  @Order(1)
  void asRootTheNodeRunsUnprivilegedAndItsFilesAreItsOwn() throws Exception {
    assumeTrue(Privileges.isRoot(), "only root hands Cassandra to another user");
    String user = Privileges.serviceUser().orElseThrow();

    assertThat(EmbeddedServerFixtures.userOf(pid())).isEqualTo(user);
    assertThat(Files.getOwner(nodeDir()).getName()).isEqualTo(user);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir())))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(nodeDir().resolve("conf/cassandra.yaml"))))
        .isEqualTo("rw-------");
    assertThat(EmbeddedServerFixtures.readableAsNobody(nodeDir().resolve("conf/cassandra.yaml")))
        .isFalse();
  }

  @Test
  @Order(2)
  void closeStopsTheProcessAndRemovesItsDirectory() {
    long pid = pid();
    Path dir = nodeDir();
    session.close();

    cassandra.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(dir).doesNotExist();
    cassandra.close(); // twice is fine
  }

  private static CqlSession connect(String user, String password) {
    ServiceEndpoint e = cassandra.endpoint();
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(e.host(), e.port()))
        .withLocalDatacenter("datacenter1")
        .withAuthCredentials(user, password)
        .build();
  }

  /** The first column of the only row of {@code cql}. */
  private static String single(String cql) {
    Row row = session.execute(cql).one();
    assertThat(row).as("a row from %s", cql).isNotNull();
    return String.valueOf(Objects.requireNonNull(row).getString(0));
  }

  private static long pid() {
    return ((EmbeddedServer) cassandra.handle()).pid();
  }

  private static Path nodeDir() {
    return ((EmbeddedServer) cassandra.handle()).directory();
  }
}

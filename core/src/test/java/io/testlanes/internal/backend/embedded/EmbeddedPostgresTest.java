package io.testlanes.internal.backend.embedded;

import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.LOOPBACK_HEX;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.context;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.listeningAddresses;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.processGroup;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.processesMentioning;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.running;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.Watchdog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {
  private Watchdog watchdog;
  private Path dataRoot;

  @BeforeEach
  void setUp() throws Exception {
    watchdog = Watchdog.start();
    dataRoot = EmbeddedServerFixtures.newDataRoot();
  }

  @AfterEach
  void tearDown() throws Exception {
    watchdog.close();
    EmbeddedServerFixtures.deleteTree(dataRoot);
  }

  @Test
  void startsTunedOnLoopbackWithGeneratedCredentialsAndLeavesNothingOnClose() throws Exception {
    RunningService started =
        new EmbeddedPostgres().start(context(settings(Map.of()), dataRoot, watchdog, 8));
    EmbeddedServer server = (EmbeddedServer) started.handle();
    long pid = server.pid();
    Path dir = server.directory();
    List<Long> workers = List.of();
    try {
      ServiceEndpoint e = started.endpoint();
      assertThat(e.service()).isEqualTo(Service.POSTGRES);
      assertThat(e.host()).isEqualTo("127.0.0.1");
      assertThat(e.user()).matches("tl_[a-z0-9]{10}");
      assertThat(e.password()).hasSize(32);
      assertThat(e.attribute(ServiceEndpoint.DATABASE)).contains("postgres");
      assertThat(started.readyTime()).isPositive();
      assertThat(dir).startsWith(dataRoot);

      try (Connection c =
              DriverManager.getConnection(e.jdbcUrl("postgres"), e.user(), e.password());
          Statement st = c.createStatement()) {
        assertThat(show(st, "fsync")).isEqualTo("off");
        assertThat(show(st, "synchronous_commit")).isEqualTo("off");
        assertThat(show(st, "full_page_writes")).isEqualTo("off");
        assertThat(show(st, "autovacuum")).isEqualTo("off");
        assertThat(Integer.parseInt(show(st, "max_connections"))).isGreaterThanOrEqualTo(200);
        assertThat(show(st, "data_directory")).startsWith(dir.toString());
        if (Files.isDirectory(Path.of("/dev/shm"))) {
          assertThat(show(st, "data_directory")).startsWith("/dev/shm/");
        }
        try (ResultSet rs = st.executeQuery("SELECT current_user, current_database()")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo(e.user());
          assertThat(rs.getString(2)).isEqualTo("postgres");
        }
      }
      assertThatThrownBy(
              () -> DriverManager.getConnection(e.jdbcUrl("postgres"), e.user(), "wrong").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      assertThat(listeningAddresses(e.port())).isNotEmpty().containsOnly(LOOPBACK_HEX);
      // Postgres's children make themselves session leaders: follow them by PID.
      workers = ProcessHandle.of(pid).orElseThrow().children().map(ProcessHandle::pid).toList();
      assertThat(workers).isNotEmpty();
    } finally {
      server.close();
    }
    assertThat(running(pid)).isFalse();
    assertThat(processGroup(pid)).isEmpty();
    assertThat(workers).noneMatch(EmbeddedServerFixtures::running);
    assertThat(processesMentioning(dir.toString())).isEmpty();
    assertThat(dir).doesNotExist();
    server.close(); // twice is fine
  }

  @Test
  void durabilityIsTurnedOnByTheFsyncKeyAndAnInvalidValueNamesTheKey() throws Exception {
    try (RunningService started =
            new EmbeddedPostgres()
                .start(
                    context(settings(Map.of(Keys.POSTGRES_FSYNC, "true")), dataRoot, watchdog, 2));
        Connection c =
            DriverManager.getConnection(
                started.endpoint().jdbcUrl("postgres"),
                started.endpoint().user(),
                started.endpoint().password());
        Statement st = c.createStatement()) {
      assertThat(show(st, "fsync")).isEqualTo("on");
      assertThat(show(st, "synchronous_commit")).isEqualTo("on");
      assertThat(show(st, "full_page_writes")).isEqualTo("on");
      assertThat(show(st, "autovacuum")).isEqualTo("off");
    }
    assertThatThrownBy(() -> settings(Map.of(Keys.POSTGRES_FSYNC, "yes")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(Keys.POSTGRES_FSYNC)
        .hasMessageContaining("'yes'")
        .hasMessageContaining("true or false");
  }

  @Test
  void asRootItsDirectoryIsTheServerUsersAloneAndItsEnvironmentMinimal() throws Exception {
    assumeTrue(Privileges.isRoot(), "only root hands Postgres to another user");
    String user = Privileges.serviceUser().orElseThrow();
    try (RunningService started =
        new EmbeddedPostgres().start(context(settings(Map.of()), dataRoot, watchdog, 2))) {
      EmbeddedServer server = (EmbeddedServer) started.handle();
      assertThat(EmbeddedServerFixtures.userOf(server.pid())).isEqualTo(user);
      assertThat(Files.getOwner(server.directory()).getName()).isEqualTo(user);
      assertThat(EmbeddedServerFixtures.mode(server.directory())).isEqualTo("rwx------");
      assertThat(EmbeddedServerFixtures.mode(server.directory().resolve("postgres.log")))
          .isEqualTo("rw-------");
      assertThat(
              EmbeddedServerFixtures.readableAsNobody(server.directory().resolve("postgres.log")))
          .isFalse();
      assertThat(server.directory().resolve("pwfile")).doesNotExist();
      assertThat(EmbeddedServerFixtures.commandLine(server.pid()))
          .doesNotContain(started.endpoint().password());
      assertThat(EmbeddedServerFixtures.environment(server.pid()))
          .allMatch(v -> v.matches("(PATH|LANG|TZ)=.*"));
    }
  }

  @Test
  void aPrivateDataRootIsOpenedForTheServerUser() throws Exception {
    assumeTrue(Privileges.isRoot(), "only root hands Postgres to another user");
    Files.setPosixFilePermissions(dataRoot, PosixFilePermissions.fromString("rwx------"));
    try (RunningService started =
        new EmbeddedPostgres().start(context(settings(Map.of()), dataRoot, watchdog, 8))) {
      assertThat(started.endpoint().port()).isPositive();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataRoot)))
        .isEqualTo("rwx-----x");
  }

  @Test
  void aDataRootTheServerUserCannotReachIsAConfigurationErrorNamingTheKey(@TempDir Path temp)
      throws Exception {
    assumeTrue(Privileges.isRoot(), "only root hands Postgres to another user");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
    Path root = temp.resolve("run");
    assertThatThrownBy(
            () -> new EmbeddedPostgres().start(context(settings(Map.of()), root, watchdog, 8)))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.key()).isEqualTo(Keys.DATA_DIR))
        .hasMessageContaining(temp + " has mode rwx------");
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aTakenPortFailsClearlyAndLeavesNothingBehind() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  new EmbeddedPostgres()
                      .start(context(settings(Map.of()), dataRoot, watchdog, 8), port))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageContaining("port 127.0.0.1:" + port + " is already in use")
          .hasMessageContaining("Address already in use");
    }
    assertThat(processesMentioning(dataRoot.toString())).isEmpty();
    try (Stream<Path> left = Files.list(dataRoot)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aMissingBinaryDirectoryIsAConfigurationErrorNamingTheKey() throws Exception {
    assertThatThrownBy(
            () ->
                new EmbeddedPostgres()
                    .start(
                        context(
                            settings(Map.of(Keys.POSTGRES_BINARIES, "/nonexistent")),
                            dataRoot,
                            watchdog,
                            8)))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.key()).isEqualTo(Keys.POSTGRES_BINARIES))
        .hasMessageContaining(Keys.POSTGRES_BINARIES)
        .hasMessageContaining("/nonexistent does not exist")
        .hasMessageContaining("Fix:");
    try (Stream<Path> left = Files.list(dataRoot)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aStartThatTimesOutStopsEverything() throws Exception {
    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ServiceStartException.class,
            () ->
                new EmbeddedPostgres()
                    .start(
                        context(
                            settings(Map.of(Keys.START_TIMEOUT, "100ms")), dataRoot, watchdog, 8)));
    assertThat(e).hasMessageContaining(Keys.START_TIMEOUT);
    assertThat(processesMentioning(dataRoot.toString())).isEmpty();
    try (Stream<Path> left = Files.list(dataRoot)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void runsTheMachinesBinariesToo() throws Exception {
    Path debian = Path.of("/usr/lib/postgresql/15/bin");
    assumeTrue(Files.isExecutable(debian.resolve("initdb")), "no PostgreSQL 15 from Debian here");
    try (RunningService started =
        new EmbeddedPostgres()
            .start(
                context(
                    settings(Map.of(Keys.POSTGRES_BINARIES, debian.toString())),
                    dataRoot,
                    watchdog,
                    8))) {
      ServiceEndpoint e = started.endpoint();
      try (Connection c =
              DriverManager.getConnection(e.jdbcUrl("postgres"), e.user(), e.password());
          Statement st = c.createStatement()) {
        assertThat(show(st, "server_version")).startsWith("15.");
        assertThat(show(st, "fsync")).isEqualTo("off");
      }
    }
    try (Stream<Path> left = Files.list(dataRoot)) {
      assertThat(left).isEmpty();
    }
  }

  private static String show(Statement st, String setting) throws SQLException {
    try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

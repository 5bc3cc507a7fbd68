package io.testlanes.internal.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.backend.external.ExternalBackend;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.ServiceProcess;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Postgres that answers "not ready yet" (SQLSTATE 57P03) for as long as it stays a standby
 * without hot standby: the external backend waits for it until the start timeout, and uses it once
 * it is promoted meanwhile. (Unlike a refused connection or rejected credentials, which fail at
 * once: {@code ExternalBackendFailuresTest}.)
 */
@TestMethodOrder(OrderAnnotation.class)
class PostgresStartingUpTest {
  private static Watchdog watchdog;
  private static Path dataRoot;
  private static Path dir;
  private static Path data;
  private static Optional<String> runAs;
  private static PostgresBinaries binaries;
  private static ServiceProcess standby;
  private static int port;

  @BeforeAll
  static void startAStandbyWithoutHotStandby() throws Exception {
    watchdog = Watchdog.start();
    dataRoot = EmbeddedServerFixtures.newDataRoot();
    Settings settings = EmbeddedServerFixtures.settings(Map.of());
    StartContext context = EmbeddedServerFixtures.context(settings, dataRoot, watchdog, 1);
    binaries = PostgresBinaries.resolve(settings, EmbeddedServerFixtures.sharedCache());
    runAs = Privileges.serviceUser();
    dir = EmbeddedServer.createServiceDirectory(context, "standby", runAs);
    data = dir.resolve("data");
    run(
        List.of(
            binaries.initdb().toString(),
            "--pgdata=" + data,
            "--username=tl",
            "--auth=trust",
            "--no-locale",
            "--no-sync"),
        "initdb.log");
    EmbeddedServer.writePrivateFile(data.resolve("standby.signal"), "", runAs);
    port = FreePorts.freePort();
    standby =
        ServiceProcess.start(
            "standby",
            Privileges.asUser(
                runAs,
                List.of(
                    binaries.postgres().toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "unix_socket_directories=",
                    "-c",
                    "hot_standby=off")),
            dir,
            Map.of(),
            dir.resolve("postgres.log"),
            watchdog);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!accepts(port)) {
      assertThat(standby.isAlive()).as("standby alive; log: %s", standby.logTail(20)).isTrue();
      assertThat(System.nanoTime()).as("standby listening within 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (standby != null) {
        standby.stop("INT", Duration.ofSeconds(10));
      }
    } finally {
      watchdog.close();
      EmbeddedServerFixtures.deleteTree(dataRoot);
    }
  }

  @Test
  @Order(1)
  void aServerThatIsStartingIsWaitedForUntilTheStartTimeout() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> start("4s"))
        .isInstanceOf(ServiceStartException.class)
        .hasMessage(
            "postgres failed to start: the external postgres at 127.0.0.1:"
                + port
                + " (from testlanes.postgres.url) was still starting after 4 s"
                + " (testlanes.startTimeout): FATAL: the database system is not accepting"
                + " connections\n  Detail: Hot standby mode is disabled. Fix: raise"
                + " testlanes.startTimeout if the server needs longer to start");
    Duration waited = Duration.ofNanos(System.nanoTime() - t0);
    System.out.printf(
        "a standby answered 57P03 for %d ms before the start failed%n", waited.toMillis());
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  @Order(2)
  void aServerThatBecomesReadyMeanwhileIsUsed() throws Exception {
    long t0 = System.nanoTime();
    CompletableFuture<RunningService> started = CompletableFuture.supplyAsync(() -> start("60s"));
    Thread.sleep(1000);
    assertThat(started).isNotDone();

    run(
        List.of(binaries.binDir().resolve("pg_ctl").toString(), "promote", "-D", data.toString()),
        "promote.log");

    try (RunningService postgres = started.get(60, TimeUnit.SECONDS)) {
      assertThat(postgres.endpoint().port()).isEqualTo(port);
    }
    System.out.printf(
        "the external backend took %d ms, waiting through a promotion%n",
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static RunningService start(String timeout) {
    Settings s =
        EmbeddedServerFixtures.settings(
            Map.of(
                Keys.BACKEND,
                "external",
                Keys.START_TIMEOUT,
                timeout,
                Keys.POSTGRES_URL,
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=tl&password=unused"));
    return new ExternalBackend()
        .start(Service.POSTGRES, EmbeddedServerFixtures.context(s, dataRoot, watchdog, 1));
  }

  /** Runs {@code command} as the server's user and waits for it to succeed. */
  private static void run(List<String> command, String log)
      throws IOException, InterruptedException {
    ServiceProcess p =
        ServiceProcess.start(
            "tool", Privileges.asUser(runAs, command), dir, Map.of(), dir.resolve(log), watchdog);
    for (int i = 0; i < 600 && p.isAlive(); i++) {
      Thread.sleep(100);
    }
    assertThat(p.exitCode()).as("%s; its log: %s", command, p.logTail(20)).hasValue(0);
    p.close();
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

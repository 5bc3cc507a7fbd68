package io.testlanes.internal.backend.embedded;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.CassandraDefaultRole;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Starts Cassandra 5.0 as a child JVM running {@code CassandraDaemon} from {@code
 * org.apache.cassandra:cassandra-all} and its dependencies, resolved from Maven at run time (so
 * they never touch the test classpath), on a Java 17 (or 11), tuned to be ready in about 3 s.
 *
 * <p>Each start gets its own directory under {@link StartContext#dataRoot()} (configuration, data,
 * commit log, log file; mode 700), registered with the watchdog as soon as it exists, and removed
 * on close. As root, the node runs as the unprivileged {@link Privileges#serviceUser()}, which owns
 * that directory (jars it cannot read are copied into the cache once). The node's environment is
 * the minimal one of {@link ServiceProcess}: no {@code JAVA_TOOL_OPTIONS} reaches it (an inherited
 * agent would also invalidate the class-data archive).
 *
 * <p>Logins need a password: readiness is the CQL port accepting connections and then a real {@code
 * SELECT release_version FROM system.local} as Cassandra's default role, whose password it replaces
 * with one generated for the run ({@link CassandraCqlProbe}).
 */
public final class EmbeddedCassandra {
  private static final Log log = Log.get("io.testlanes.cassandra");

  static final Duration STOP_GRACE = Duration.ofSeconds(15);
  static final Duration KILL_GRACE = Duration.ofSeconds(5);
  static final int LOG_TAIL_LINES = 40;
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final IntSupplier ports;

  public EmbeddedCassandra() {
    this(FreePorts::freePort);
  }

  /**
   * For tests: {@code ports} gives the storage port, then the native (CQL) port.
   *
   * @param ports called twice per start
   */
  EmbeddedCassandra(IntSupplier ports) {
    this.ports = ports;
  }

  /**
   * Starts a node and returns once it answered a CQL query.
   *
   * @throws ServiceStartException if it did not become ready; its process and directory are gone by
   *     then
   * @throws io.testlanes.config.ConfigurationException if no suitable Java is found
   */
  public RunningService start(StartContext context) {
    long t0 = System.nanoTime();
    Settings settings = context.settings();
    String version = settings.cassandraVersion();
    if (!version.startsWith("5.0.")) {
      log.warn(
          "cassandra: version {} is not a 5.0.x; the embedded backend is made and tested for 5.0"
              + " and may fail to start it",
          version);
    }
    CassandraJava java = CassandraJava.find(settings);
    requireDriver();
    Optional<String> runAs = Privileges.serviceUser();
    log.info(
        "cassandra: starting {} on Java {} ({}), heap {} MB{}…",
        version,
        java.feature(),
        java.home(),
        settings.cassandraHeapMegabytes(),
        runAs.map(u -> ", as user " + u).orElse(""));
    List<Path> classpath = CassandraClasspath.of(version, context.cacheDir());

    int storagePort = ports.getAsInt();
    int nativePort = ports.getAsInt();
    String password = EmbeddedServer.randomPassword();
    Path nodeDir = createNodeDir(context);
    ServiceProcess process = null;
    try {
      CassandraCqlProbe.warmUpInBackground(
          CassandraConfigFiles.HOST, nativePort, CassandraConfigFiles.DATACENTER);
      CassandraConfigFiles.write(nodeDir, storagePort, nativePort);
      if (runAs.isPresent()) {
        classpath = readableBy(runAs.get(), java, classpath, version, context.cacheDir());
        EmbeddedServer.makeTraversable(nodeDir, context.dataRoot(), runAs.get());
        Privileges.chown(nodeDir, runAs.get());
      }
      CassandraClassArchive archive =
          CassandraClassArchive.plan(java, classpath, context.cacheDir(), nodeDir);
      List<String> command =
          CassandraCommand.of(
              java,
              classpath,
              nodeDir,
              settings.cassandraHeapMegabytes(),
              archive,
              runAs,
              Privileges.isRoot());
      process =
          ServiceProcess.start(
              "cassandra",
              command,
              nodeDir,
              Map.of(),
              nodeDir.resolve("cassandra.log"),
              context.watchdog());
      log.debug(
          "cassandra: pid {}, storage port {}, CQL port {}, class-data archive {}",
          process.pid(),
          storagePort,
          nativePort,
          archive.used() ? "used" : "being created");
      long deadline = t0 + settings.startTimeout().toNanos();
      String release =
          awaitReady(
              process,
              nativePort,
              CassandraConfigFiles.clusterName(nodeDir),
              password,
              deadline,
              settings.startTimeout());
      Duration ready = Duration.ofNanos(System.nanoTime() - t0);
      if (!release.isEmpty() && !release.startsWith(version)) {
        log.warn("cassandra: asked for {} but the node reports release {}", version, release);
      }
      log.info(
          "cassandra ready on {}:{} in {}",
          CassandraConfigFiles.HOST,
          nativePort,
          seconds(ready.toNanos()));
      ServiceEndpoint endpoint =
          new ServiceEndpoint(
              Service.CASSANDRA,
              CassandraConfigFiles.HOST,
              nativePort,
              CassandraDefaultRole.USER,
              password,
              Map.of(ServiceEndpoint.DATACENTER, CassandraConfigFiles.DATACENTER));
      return new RunningService(
          endpoint,
          ready,
          new EmbeddedServer(
              process, nodeDir, context.watchdog(), stop(archive), Optional.empty()));
    } catch (ServiceStartException e) {
      abandon(process, nodeDir, context);
      throw e;
    } catch (IOException | RuntimeException e) {
      String tail = tail(process, nodeDir);
      abandon(process, nodeDir, context);
      throw new ServiceStartException(
          Service.CASSANDRA,
          "expected to launch "
              + CassandraCommand.MAIN_CLASS
              + " in "
              + nodeDir
              + ", but "
              + e
              + ". Fix: see the cause and the log below",
          tail,
          e);
    }
  }

  /**
   * How a node stops. Its data goes with its directory, so nothing needs a clean shutdown (a drain
   * that flushes every table: 2.5 s on 2 cores, more when they are busy, and CPU taken from
   * whatever runs next) but the class-data archive that a first start writes when its JVM exits:
   * that node gets SIGTERM and up to {@link #STOP_GRACE}, and its archive is kept; every other one
   * SIGKILL.
   */
  static EmbeddedServer.Stop stop(CassandraClassArchive archive) {
    return archive.creating()
        ? new EmbeddedServer.Stop("TERM", STOP_GRACE, archive::keepCreated)
        : new EmbeddedServer.Stop("KILL", KILL_GRACE);
  }

  /**
   * Waits for the CQL port to accept connections, then for a real query to answer, which also
   * replaces the default role's password with {@code password}.
   *
   * @return the node's {@code release_version}
   */
  private static String awaitReady(
      ServiceProcess process,
      int nativePort,
      String clusterName,
      String password,
      long deadline,
      Duration timeout) {
    boolean portOpen = false;
    @Nullable RuntimeException lastProbeFailure = null;
    while (true) {
      OptionalInt exit = process.exitCode();
      if (exit.isPresent()) {
        throw new ServiceStartException(
            Service.CASSANDRA,
            "expected the node to answer CQL on "
                + CassandraConfigFiles.HOST
                + ":"
                + nativePort
                + ", but its JVM exited with code "
                + exit.getAsInt()
                + ". Fix: see the log below",
            process.logTail(LOG_TAIL_LINES));
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        String problem =
            portOpen
                ? "the query failed: " + lastProbeFailure
                : "the port never accepted a connection";
        String message =
            "expected the node to answer CQL on "
                + CassandraConfigFiles.HOST
                + ":"
                + nativePort
                + " within "
                + timeout.toSeconds()
                + " s ("
                + Keys.START_TIMEOUT
                + "), but "
                + problem
                + ". Fix: raise "
                + Keys.START_TIMEOUT
                + " on a slow machine, or see the log below";
        String tail = process.logTail(LOG_TAIL_LINES);
        throw lastProbeFailure == null
            ? new ServiceStartException(Service.CASSANDRA, message, tail)
            : new ServiceStartException(Service.CASSANDRA, message, tail, lastProbeFailure);
      }
      if (!portOpen) {
        portOpen = accepts(nativePort);
        if (portOpen) {
          log.debug("cassandra: CQL port {} accepts connections", nativePort);
        }
      }
      if (portOpen) {
        try {
          // Bounded, so that a node that dies meanwhile is noticed within seconds.
          Duration probeTimeout =
              Duration.ofNanos(Math.max(Math.min(left, PROBE_TIMEOUT.toNanos()), 1_000_000_000L));
          CassandraCqlProbe.Answer answer =
              CassandraCqlProbe.ask(
                  CassandraConfigFiles.HOST,
                  nativePort,
                  CassandraConfigFiles.DATACENTER,
                  probeTimeout,
                  clusterName,
                  password);
          if (answer.clusterName().equals(clusterName)) {
            return answer.releaseVersion();
          }
          // Another node holds the port; ours fails to bind it and exits, which ends the wait.
          lastProbeFailure =
              new IllegalStateException(
                  "port "
                      + nativePort
                      + " is answered by another Cassandra (cluster '"
                      + answer.clusterName()
                      + "'), not by this node (cluster '"
                      + clusterName
                      + "')");
          log.debug("cassandra: {}", lastProbeFailure.getMessage());
        } catch (ServiceStartException e) {
          throw e;
        } catch (RuntimeException e) {
          lastProbeFailure = e;
          log.debug("cassandra: CQL probe failed, retrying: {}", e.toString());
        }
      }
      sleep(POLL);
    }
  }

  /**
   * The classpath as {@code user} can read it, after checking that it can run {@code java}.
   *
   * @throws io.testlanes.config.ConfigurationException if it cannot run that Java
   */
  private static List<Path> readableBy(
      String user, CassandraJava java, List<Path> classpath, String version, Path cacheDir)
      throws IOException {
    EmbeddedServer.requireReadableBy(
        java.executable(),
        user,
        "Cassandra",
        Keys.CASSANDRA_JAVA_HOME,
        java.home().toString(),
        "point -D" + Keys.CASSANDRA_JAVA_HOME + " at a Java 17 or 11 that every user can run");
    return CassandraClasspath.readableBy(user, classpath, version, cacheDir);
  }

  /** testlanes needs the driver to secure the node (and to check that it answers). */
  private static void requireDriver() {
    if (!CassandraCqlProbe.driverPresent()) {
      throw new ServiceStartException(
          Service.CASSANDRA,
          "the Cassandra Java driver ("
              + CassandraCqlProbe.DRIVER_CLASS
              + ") is not on the classpath; testlanes needs it to check that the node answers and"
              + " to replace its default password. Fix: add org.apache.cassandra:java-driver-core"
              + " as a test dependency",
          "");
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(CassandraConfigFiles.HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceStartException(
          Service.CASSANDRA,
          "interrupted while waiting for the node to become ready; it was stopped",
          "",
          e);
    }
  }

  private static Path createNodeDir(StartContext context) {
    try {
      Files.createDirectories(context.dataRoot());
      Path dir = Files.createTempDirectory(context.dataRoot(), "cassandra-");
      context.watchdog().watchDirectory(dir);
      return dir;
    } catch (IOException e) {
      throw new ServiceStartException(
          Service.CASSANDRA,
          "expected to create a node directory in "
              + context.dataRoot()
              + ", but "
              + e
              + ". Fix: make it writable or set "
              + Keys.DATA_DIR,
          "",
          e);
    }
  }

  private static String tail(@Nullable ServiceProcess process, Path nodeDir) {
    return process != null
        ? process.logTail(LOG_TAIL_LINES)
        : ServiceProcess.tail(nodeDir.resolve("cassandra.log"), LOG_TAIL_LINES);
  }

  /** Kills what a failed start left and removes its directory. */
  private static void abandon(
      @Nullable ServiceProcess process, Path nodeDir, StartContext context) {
    boolean interrupted = Thread.interrupted();
    try {
      if (process != null) {
        process.stop("KILL", Duration.ofSeconds(5));
      }
      EmbeddedServer.removeDirectory(nodeDir, context.watchdog());
    } catch (RuntimeException e) {
      log.warn("cassandra: cleaning up after a failed start failed: {}", e.toString());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code 3.4 s}. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}

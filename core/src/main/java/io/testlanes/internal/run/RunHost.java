package io.testlanes.internal.run;

import io.testlanes.config.Backend;
import io.testlanes.config.ConfigSource;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.backend.embedded.CacheDirs;
import io.testlanes.internal.lane.Lanes;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The service host: the one process of a run that owns its services. Started by the first JVM that
 * needs services ({@link RunClient}), it outlives any single test JVM and stops the services and
 * exits once no JVM has been attached for the idle grace period (or {@code keepAlive}).
 *
 * <p>Liveness uses OS file locks only, never PIDs or clocks shared between processes: the host
 * holds {@code host.lock} for its whole life; each attached JVM holds a shared lock on {@code
 * clients.lock}. When the host can take {@code clients.lock} exclusively, no JVM is attached. It
 * keeps that exclusive lock while it shuts down, so a JVM that attaches at that moment waits, then
 * finds no host and starts a new one. Its services are children registered with a {@link Watchdog}:
 * if the host is killed, they die and their data directories go with it.
 */
public final class RunHost implements AutoCloseable {
  /** Idle time after the last JVM detached before the services stop, when keepAlive is shorter. */
  static final Duration MIN_IDLE_GRACE = Duration.ofSeconds(5);

  private static final Duration IDLE_POLL = Duration.ofMillis(200);

  private final RunDirectory runDir;
  private final Settings settings;
  private final Duration idleGrace;
  private final Instant startedAt = Instant.now();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private @Nullable FileChannel hostLockChannel;
  private @Nullable FileChannel clientsChannel;
  private @Nullable HostServer server;
  private @Nullable Watchdog watchdog;
  private @Nullable ServiceSet services;
  private volatile boolean shuttingDown;
  private final Object incidentsLock = new Object();
  private RunIncidents incidents = RunIncidents.none(ProcessHandle.current().pid());

  RunHost(RunDirectory runDir, Settings settings) {
    this.runDir = runDir;
    this.settings = settings;
    this.idleGrace =
        settings.keepAlive().compareTo(MIN_IDLE_GRACE) > 0 ? settings.keepAlive() : MIN_IDLE_GRACE;
  }

  /**
   * Entry point of the host process: {@code RunHost <run dir>}. Its settings come from the run
   * directory's {@link RunDirectory#hostSettings() settings file}, which it deletes once read.
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: RunHost <run directory>");
      System.exit(2);
    }
    int code;
    try {
      Path dir = Path.of(args[0]).toAbsolutePath();
      Settings settings = readSettings(dir.resolve("host-settings.properties"));
      RunDirectory runDir = RunDirectory.of(settings);
      if (!runDir.path().equals(dir)) {
        throw new IllegalStateException(
            "the settings in "
                + dir
                + " belong to the run directory "
                + runDir.path()
                + "; a JVM with other settings started this host");
      }
      try (RunHost host = new RunHost(runDir, settings)) {
        code = host.run() ? 0 : 3;
      }
    } catch (Exception e) {
      log("host failed: " + stackTrace(e));
      code = 1;
    }
    System.exit(code);
  }

  private static Settings readSettings(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    Files.delete(file);
    Map<String, String> values = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
    return Settings.load(List.of(ConfigSource.of("setting of the run", values)));
  }

  /**
   * Runs until idle or told to stop. Returns false if another host already owns this run (this one
   * then exits at once).
   */
  boolean run() throws IOException, InterruptedException {
    runDir.create();
    hostLockChannel =
        FileChannel.open(runDir.hostLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock own = hostLockChannel.tryLock();
    if (own == null) {
      log("another host owns " + runDir + "; exiting");
      return false;
    }
    // The previous host's news are no news to the JVMs of this one.
    Files.deleteIfExists(runDir.incidents());
    clientsChannel =
        FileChannel.open(runDir.clientsLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    Path dataRoot = runDir.dataRoot(settings);
    Files.createDirectories(dataRoot);
    try {
      Files.setPosixFilePermissions(dataRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to open up
    }
    Watchdog w = Watchdog.start();
    watchdog = w;
    w.watchDirectory(dataRoot);
    ServiceSet set =
        new ServiceSet(
            Backends.create(settings),
            new StartContext(
                settings, dataRoot, CacheDirs.defaultCacheDir(settings), w, LaneLocks.MAX_LANES),
            (service, message) -> record(i -> i.withDeath(service, message)));
    services = set;
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "testlanes-host-shutdown"));

    HostRequests requests =
        new HostRequests(runDir, settings, set, startedAt, this::stopByDown, () -> shuttingDown);
    server = HostServer.start(runDir.socket(), requests::respond);
    w.watchFile(runDir.socket()); // a killed host leaves no stale socket
    writeInfo();
    log(
        "host "
            + ProcessHandle.current().pid()
            + " serving "
            + runDir
            + ", backend "
            + settings.backend().id()
            + ", idle grace "
            + Durations.format(idleGrace));
    idleLoop();
    return true;
  }

  /**
   * Writes {@code host.properties}: pid, start, run id and the host settings. Mode 0600 in a 0700
   * run directory: the settings may hold the endpoints' passwords, which only this user (who gave
   * them) may read.
   */
  private void writeInfo() throws IOException {
    Properties p = new Properties();
    p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    p.setProperty("startedAt", startedAt.toString());
    p.setProperty("runId", runDir.runId());
    settings.hostSettings().forEach((k, v) -> p.setProperty(HostSettings.infoKey(k), v));
    Path info = runDir.hostInfo();
    Files.deleteIfExists(info);
    Files.createFile(
        info, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(info)) {
      p.store(out, "the testlanes service host of this run");
    }
  }

  private void stop() {
    shuttingDown = true;
    stopped.countDown();
  }

  /**
   * Stops because of {@code down}: first tells the attached JVMs, through the incidents file, so
   * that their next use of the run fails with {@code message} rather than with driver errors.
   */
  private void stopByDown(String message) {
    record(i -> i.withDown(message));
    stop();
  }

  /** Adds an incident and writes them all for the attached JVMs. */
  private void record(UnaryOperator<RunIncidents> incident) {
    synchronized (incidentsLock) {
      incidents = incident.apply(incidents);
      try {
        incidents.write(runDir.incidents());
      } catch (UncheckedIOException e) {
        log("could not write " + runDir.incidents() + ": " + e.getMessage());
      }
    }
  }

  private void idleLoop() throws InterruptedException, IOException {
    FileChannel ch = clientsChannel;
    if (ch == null) {
      throw new IllegalStateException("host not started");
    }
    long idleSince = -1;
    while (!stopped.await(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
      FileLock exclusive;
      try {
        exclusive = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        exclusive = null;
      }
      if (exclusive == null) {
        idleSince = -1;
        continue;
      }
      long now = System.nanoTime();
      if (idleSince < 0) {
        idleSince = now;
        log("no JVM attached; stopping in " + Durations.format(idleGrace) + " unless one attaches");
      }
      if (now - idleSince >= idleGrace.toNanos()) {
        log("idle for " + Durations.format(idleGrace) + "; stopping");
        // Keep the exclusive lock until exit: a JVM attaching now waits, then starts a new host.
        shuttingDown = true;
        return;
      }
      exclusive.release();
    }
  }

  /**
   * The external backend's servers outlive the run: the lanes this run made in them (those with a
   * lock file) are dropped when it ends. A crash leaves them, and the next run's prepare finds and
   * empties (or rebuilds) them: never reused with stale data.
   */
  private void dropExternalLanes(ServiceSet set) {
    List<ServiceEndpoint> endpoints = new ArrayList<>();
    set.running().values().forEach(rs -> endpoints.add(rs.endpoint()));
    if (endpoints.isEmpty()) {
      return;
    }
    List<Integer> used = new ArrayList<>();
    for (int k = 1; k <= LaneLocks.MAX_LANES; k++) {
      if (Files.exists(runDir.laneLock(k))) {
        used.add(k);
      }
    }
    if (used.isEmpty()) {
      return;
    }
    try (Lanes lanes =
        Lanes.open(settings, endpoints, Collections.max(used), RunHost.class.getClassLoader())) {
      for (int k : used) {
        log(String.valueOf(lanes.drop(k)));
      }
    } catch (RuntimeException e) {
      log("could not drop this run's lanes from the external servers: " + describe(e));
    }
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.toString() : m;
  }

  static String stackTrace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  static synchronized void log(String line) {
    System.out.println(Instant.now() + " " + line);
    System.out.flush();
  }

  /** Stops the services, removes their data and the socket. Safe to call twice. */
  @Override
  public synchronized void close() {
    stop();
    HostServer srv = server;
    server = null;
    if (srv != null) {
      srv.close();
    }
    ServiceSet set = services;
    services = null;
    if (set != null) {
      if (settings.backend() == Backend.EXTERNAL) {
        dropExternalLanes(set);
      }
      set.close();
      log("services stopped");
    }
    Watchdog w = watchdog;
    watchdog = null;
    if (w != null) {
      w.close();
    }
  }
}

package io.testlanes.internal.run;

import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.Backends;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
  private final Map<Long, String> clients = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ExecutorService handlers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "testlanes-host-request");
            t.setDaemon(true);
            return t;
          });
  private @Nullable FileChannel hostLockChannel;
  private @Nullable FileChannel clientsChannel;
  private @Nullable ServerSocketChannel server;
  private @Nullable Watchdog watchdog;
  private @Nullable ServiceSet services;
  private volatile boolean shuttingDown;

  RunHost(RunDirectory runDir, Settings settings) {
    this.runDir = runDir;
    this.settings = settings;
    this.idleGrace =
        settings.keepAlive().compareTo(MIN_IDLE_GRACE) > 0 ? settings.keepAlive() : MIN_IDLE_GRACE;
  }

  /** Entry point of the host process: {@code RunHost <run dir> <run id>}. */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: RunHost <run directory> <run id>");
      System.exit(2);
    }
    Settings settings = Settings.load();
    Path given = Path.of(args[0]).toAbsolutePath();
    Path base = given.getParent();
    if (base == null) {
      System.err.println("run directory " + args[0] + " has no parent");
      System.exit(2);
      return;
    }
    RunDirectory dir = RunDirectory.at(base, args[1]);
    if (!dir.path().equals(given)) {
      System.err.println("run directory " + args[0] + " does not match run id " + args[1]);
      System.exit(2);
    }
    int code;
    try (RunHost host = new RunHost(dir, settings)) {
      code = host.run() ? 0 : 3;
    } catch (Exception e) {
      log("host failed: " + stackTrace(e));
      code = 1;
    }
    System.exit(code);
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
    clientsChannel =
        FileChannel.open(runDir.clientsLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    Path dataRoot = runDir.dataRoot(settings);
    Files.createDirectories(dataRoot);
    try {
      Files.setPosixFilePermissions(
          dataRoot, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to open up
    }
    watchdog = Watchdog.start();
    watchdog.watchDirectory(dataRoot);
    services =
        new ServiceSet(
            Backends.create(settings),
            new StartContext(
                settings,
                dataRoot,
                io.testlanes.internal.backend.embedded.CacheDirs.defaultCacheDir(settings),
                watchdog,
                LaneLeases.MAX_LANES));
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "testlanes-host-shutdown"));

    Files.deleteIfExists(runDir.socket());
    ServerSocketChannel srv = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    srv.bind(UnixDomainSocketAddress.of(runDir.socket()));
    server = srv;
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

    Thread acceptor = new Thread(() -> acceptLoop(srv), "testlanes-host-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    idleLoop();
    return true;
  }

  private void writeInfo() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("pid=" + ProcessHandle.current().pid());
    lines.add("startedAt=" + startedAt);
    lines.add("runId=" + runId().replace("\\", "\\\\"));
    Files.write(runDir.hostInfo(), lines);
  }

  private String runId() {
    return runDir.runId();
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

  private void acceptLoop(ServerSocketChannel srv) {
    while (!shuttingDown) {
      SocketChannel ch;
      try {
        ch = srv.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log("accept failed: " + e);
        continue;
      }
      handlers.execute(() -> handle(ch));
    }
  }

  private void handle(SocketChannel ch) {
    try (ch) {
      InputStream in = Channels.newInputStream(ch);
      Map<String, String> request = HostProtocol.read(in);
      Map<String, String> response;
      try {
        response = respond(request);
      } catch (RuntimeException e) {
        response = new LinkedHashMap<>();
        response.put(HostProtocol.OK, "false");
        response.put(HostProtocol.ERROR, describe(e));
      }
      OutputStream out = Channels.newOutputStream(ch);
      HostProtocol.write(out, response);
      out.flush();
    } catch (IOException e) {
      log("request failed: " + e);
    }
  }

  private Map<String, String> respond(Map<String, String> request) {
    String command = request.getOrDefault(HostProtocol.COMMAND, "");
    Map<String, String> r = new LinkedHashMap<>();
    r.put(HostProtocol.OK, "true");
    switch (command) {
      case "ping":
        r.put("pid", Long.toString(ProcessHandle.current().pid()));
        return r;
      case "hello":
        long pid = Long.parseLong(request.getOrDefault("pid", "0"));
        clients.put(pid, request.getOrDefault("description", "jvm " + pid));
        r.put("pid", Long.toString(ProcessHandle.current().pid()));
        return r;
      case "ensure":
        return ensure(request.getOrDefault("services", ""), r);
      case "status":
        return status(r);
      case "down":
        log("down requested");
        shuttingDown = true;
        stopped.countDown();
        return r;
      default:
        throw new IllegalArgumentException(
            "unknown command '" + command + "'; expected ping, hello, ensure, status or down");
    }
  }

  private Map<String, String> ensure(String list, Map<String, String> r) {
    ServiceSet set = services;
    if (set == null || shuttingDown) {
      throw new IllegalStateException("the service host is stopping; start the run again");
    }
    Set<Service> wanted = EnumSet.noneOf(Service.class);
    for (String name : list.split(",")) {
      if (!name.isBlank()) {
        wanted.add(Service.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      }
    }
    for (RunningService rs : set.ensure(wanted).values()) {
      ServiceEndpoint e = rs.endpoint();
      String id = e.service().id();
      r.putAll(e.toProperties("service." + id + "."));
      r.put("service." + id + ".readyMillis", Long.toString(rs.readyTime().toMillis()));
    }
    return r;
  }

  private Map<String, String> status(Map<String, String> r) {
    r.put("pid", Long.toString(ProcessHandle.current().pid()));
    r.put("runId", runId());
    r.put("runDir", runDir.path().toString());
    r.put("backend", settings.backend().id());
    r.put("startedAt", startedAt.toString());
    r.put("keepAlive", settings.keepAlive().toString());
    ServiceSet set = services;
    if (set != null) {
      set.startCounts()
          .forEach((s, n) -> r.put("service." + s.id() + ".starts", Integer.toString(n)));
      set.startedAt().forEach((s, t) -> r.put("service." + s.id() + ".startedAt", t.toString()));
      set.running()
          .forEach(
              (s, rs) -> {
                r.put("service." + s.id() + ".endpoint", rs.endpoint().address());
                r.put(
                    "service." + s.id() + ".readyMillis", Long.toString(rs.readyTime().toMillis()));
              });
    }
    clients.forEach(
        (pid, d) -> {
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            r.put("client." + pid, d);
          }
        });
    LaneLeases.leased(runDir).forEach((n, holder) -> r.put("lane." + n, holder));
    return r;
  }

  /**
   * The external backend's servers outlive the run: the lanes this run made in them (those with a
   * lease file) are dropped when it ends. A crash leaves them, and the next run's prepare finds and
   * empties (or rebuilds) them: never reused with stale data.
   */
  private void dropExternalLanes(ServiceSet set) {
    List<ServiceEndpoint> endpoints = new ArrayList<>();
    set.running().values().forEach(rs -> endpoints.add(rs.endpoint()));
    if (endpoints.isEmpty()) {
      return;
    }
    List<Integer> used = new ArrayList<>();
    for (int k = 1; k <= LaneLeases.MAX_LANES; k++) {
      if (Files.exists(runDir.laneLock(k))) {
        used.add(k);
      }
    }
    try (io.testlanes.internal.lane.Lanes lanes =
        io.testlanes.internal.lane.Lanes.open(
            settings, endpoints, LaneLeases.MAX_LANES, RunHost.class.getClassLoader())) {
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
    shuttingDown = true;
    stopped.countDown();
    ServerSocketChannel srv = server;
    server = null;
    if (srv != null) {
      try {
        srv.close();
        Files.deleteIfExists(runDir.socket());
      } catch (IOException e) {
        log("closing the socket failed: " + e);
      }
    }
    ServiceSet set = services;
    services = null;
    if (set != null) {
      if (settings.backend() == io.testlanes.config.Backend.EXTERNAL) {
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
    handlers.shutdownNow();
  }
}

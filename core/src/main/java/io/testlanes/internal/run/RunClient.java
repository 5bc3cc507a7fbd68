package io.testlanes.internal.run;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.ServiceProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A JVM's attachment to its run's service host. The first JVM of a run starts the host; the others
 * find it. Attaching takes a shared lock on {@code clients.lock} that this JVM holds until it
 * exits, which is what keeps the host and its services up.
 */
public final class RunClient implements AutoCloseable {
  private static final Log log = Log.get(RunClient.class);
  private static final Duration HOST_START_TIMEOUT = Duration.ofSeconds(60);
  private static final String ENV_PREFIX = ConfigSource.envName(Keys.PREFIX);

  /**
   * Run directories this JVM is attached to. A JVM attaches once per run: on Linux a second channel
   * on {@code clients.lock}, once closed, would drop the first one's lock.
   */
  private static final Set<Path> ATTACHED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final Map<Path, RunClient> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

  private final RunDirectory runDir;
  private final Settings settings;
  private final FileChannel clientsChannel;
  private final LaneLocks locks;
  private final long hostPid;
  private final @Nullable ProcessHandle host;
  private final RunIncidents.Reader incidents;
  private final Map<Service, ServiceEndpoint> endpoints = new EnumMap<>(Service.class);
  private final Map<Service, Duration> readyTimes = new EnumMap<>(Service.class);
  private boolean closed;
  private volatile String session = "";

  private RunClient(
      RunDirectory runDir, Settings settings, FileChannel clientsChannel, long hostPid) {
    this.runDir = runDir;
    this.settings = settings;
    this.clientsChannel = clientsChannel;
    this.hostPid = hostPid;
    // Taken now, with the host's start time: isAlive() then never mistakes a new process that got
    // the pid for the host.
    this.host = ProcessHandle.of(hostPid).orElse(null);
    this.incidents = new RunIncidents.Reader(runDir.incidents(), hostPid);
    this.locks = new LaneLocks(runDir);
  }

  /**
   * Attaches this JVM to the run of {@code settings}, starting its host if none runs. Starts no
   * service: those start on {@link #ensure}.
   */
  public static RunClient attach(Settings settings) {
    RunDirectory runDir = RunDirectory.of(settings);
    if (!ATTACHED.add(runDir.path())) {
      throw new IllegalStateException(
          "this JVM is already attached to the run in "
              + runDir
              + "; use RunClient.shared(settings) to share one attachment");
    }
    try {
      return attach(runDir, settings);
    } catch (RuntimeException | Error e) {
      ATTACHED.remove(runDir.path());
      throw e;
    }
  }

  /**
   * This JVM's attachment to the run of {@code settings}, made on first use and held until the JVM
   * exits.
   */
  public static RunClient shared(Settings settings) {
    RunDirectory runDir = RunDirectory.of(settings);
    return SHARED.computeIfAbsent(runDir.path(), p -> attach(settings));
  }

  private static RunClient attach(RunDirectory runDir, Settings settings) {
    runDir.create();
    long t0 = System.nanoTime();
    try (FileChannel spawn =
        FileChannel.open(runDir.spawnLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock spawnLock = spawn.lock();
      try {
        FileChannel clients =
            FileChannel.open(
                runDir.clientsLock(),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        boolean attached = false;
        try {
          // Waits while a host holds it exclusively to shut down; then that host is gone.
          clients.lock(0, Long.MAX_VALUE, true);
          long pid;
          if (hostAlive(runDir)) {
            pid = ping(runDir);
          } else {
            pid = spawnHost(runDir, settings);
            sayWhyNotTheWarmHost(runDir, settings);
          }
          RunClient client = new RunClient(runDir, settings, clients, pid);
          client.hello();
          attached = true;
          log.debug(
              "attached to host {} of {} in {}",
              pid,
              runDir,
              Durations.format(Duration.ofNanos(System.nanoTime() - t0)));
          return client;
        } finally {
          if (!attached) {
            clients.close();
          }
        }
      } finally {
        spawnLock.release();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot attach to the testlanes run in " + runDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while attaching to " + runDir, e);
    }
  }

  /**
   * A host of the same project started with other host settings (another backend, version or
   * endpoint) is not this run's: this JVM started a host of its own. Says so, naming the settings
   * that differ, so that a warm host is never silently bypassed or silently used.
   */
  private static void sayWhyNotTheWarmHost(RunDirectory runDir, Settings settings) {
    for (HostInfo other : HostInfo.all(runDir.path().getParent())) {
      if (other.runId().equals(runDir.runId()) && !other.dir().equals(runDir.path())) {
        log.warn(
            "testlanes: a service host of this project with other settings runs too (pid {}, {});"
                + " this run started its own because {}. That host stops after its keepAlive, or"
                + " now with ./testlanes down (which stops every host of the project)",
            other.pid(),
            other.dir(),
            settings.describeDifferences(other.settings()));
      }
    }
  }

  /** Whether a host holds the run's host lock. */
  static boolean hostAlive(RunDirectory runDir) throws IOException {
    if (!Files.exists(runDir.hostLock())) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(runDir.hostLock(), StandardOpenOption.WRITE)) {
      FileLock probe = ch.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    }
  }

  private static long ping(RunDirectory runDir) throws IOException {
    Map<String, String> r =
        HostProtocol.call(runDir.socket(), Map.of(HostProtocol.COMMAND, "ping"));
    return Long.parseLong(r.getOrDefault("pid", "0"));
  }

  private static long spawnHost(RunDirectory runDir, Settings settings)
      throws IOException, InterruptedException {
    writeHostSettings(runDir, settings);
    List<String> cmd = new ArrayList<>();
    cmd.add("setsid");
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Xshare:auto");
    cmd.add("-cp");
    cmd.add(HostClasspath.argument());
    cmd.add(RunHost.class.getName());
    cmd.add(runDir.path().toString());
    Files.deleteIfExists(runDir.hostLog());
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.hostLog().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // The host reads its settings from the file; testlanes variables in its environment (and so in
    // its services') would only repeat them, secrets included.
    builder.environment().keySet().removeIf(k -> k.startsWith(ENV_PREFIX));
    Process p = builder.start();
    long deadline = System.nanoTime() + HOST_START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "the testlanes service host exited at start (code "
                + p.exitValue()
                + "); its log "
                + runDir.hostLog()
                + " ends with:\n"
                + ServiceProcess.tail(runDir.hostLog(), 30));
      }
      if (Files.exists(runDir.socket()) && hostAlive(runDir)) {
        try {
          return ping(runDir);
        } catch (IOException e) {
          // socket bound but not accepting yet
        }
      }
      Thread.sleep(20);
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "the testlanes service host did not answer within "
            + Durations.format(HOST_START_TIMEOUT)
            + "; its log "
            + runDir.hostLog()
            + " ends with:\n"
            + ServiceProcess.tail(runDir.hostLog(), 30));
  }

  /**
   * Writes the settings given to this JVM to the file the host reads them from: created with mode
   * 0600 in the run directory (itself 0700), so passwords in endpoint URLs are never on a command
   * line or readable by another user.
   */
  private static void writeHostSettings(RunDirectory runDir, Settings settings) throws IOException {
    Properties p = new Properties();
    p.putAll(settings.given());
    p.setProperty(Keys.RUN_ID, runDir.runId());
    Path file = runDir.hostSettings();
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
      p.store(out, "settings of the testlanes run " + runDir.runId() + ", for its host");
    }
  }

  private void hello() {
    announce(settings.workers());
  }

  /**
   * Tells the host how many workers this JVM runs (each holds at most one lane at a time) and
   * returns the sum over every JVM attached to the run now: the most lanes the run can hold at
   * once.
   */
  public int announce(int workers) {
    String description = "pid " + ProcessHandle.current().pid() + " " + describeThisJvm();
    Map<String, String> request = new LinkedHashMap<>();
    request.put(HostProtocol.COMMAND, "hello");
    request.put("pid", Long.toString(ProcessHandle.current().pid()));
    request.put("description", description);
    request.put("workers", Integer.toString(workers));
    request.put("fork", Boolean.toString(isBuildToolFork()));
    String build = buildProcess();
    if (build != null) {
      request.put("build", build);
    }
    Map<String, String> r = call(request);
    session = r.getOrDefault("session", session);
    return Integer.parseInt(r.getOrDefault("attachedWorkers", Integer.toString(workers)));
  }

  /**
   * The session of the run this JVM belongs to: one test invocation, whose JVMs make one report
   * (see {@link HostRequests}).
   */
  public String session() {
    return session;
  }

  /** The build process that started this JVM, as {@code pid@startMillis}. */
  private static @Nullable String buildProcess() {
    return ProcessHandle.current()
        .parent()
        .map(p -> p.pid() + "@" + p.info().startInstant().map(Instant::toEpochMilli).orElse(0L))
        .orElse(null);
  }

  /** Whether this JVM is a fork of Maven Surefire or Failsafe, whose parent is one build. */
  private static boolean isBuildToolFork() {
    return System.getProperty("surefire.real.class.path") != null;
  }

  /** Java launcher options that take the next argument as their value. */
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of(
          "-cp",
          "-classpath",
          "--class-path",
          "-p",
          "--module-path",
          "--upgrade-module-path",
          "--add-modules",
          "--add-opens",
          "--add-exports",
          "--add-reads",
          "--patch-module",
          "--limit-modules");

  /**
   * A JVM's command line as status and {@code down} list it: the program, then its main class (or
   * {@code -jar} file, or module) and arguments; its options, long and the same for every JVM of a
   * build, are shown as {@code […]}.
   */
  static String describeThisJvm() {
    List<String> words;
    try {
      // ProcessHandle.Info cuts a long command line (a class path) short: read it all.
      String cmdline = Files.readString(Path.of("/proc/self/cmdline"), StandardCharsets.UTF_8);
      words = List.of(cmdline.split("\u0000"));
    } catch (IOException | UnsupportedOperationException e) {
      words = List.of(ProcessHandle.current().info().commandLine().orElse("java").split(" "));
    }
    return describe(words);
  }

  /** See {@link #describeThisJvm()}; {@code words} are the program and its arguments. */
  static String describe(List<String> words) {
    if (words.isEmpty()) {
      return "";
    }
    String command = words.get(0);
    List<String> args = words.subList(1, words.size());
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      if (a.equals("-jar") || a.equals("-m") || a.equals("--module") || !a.startsWith("-")) {
        break;
      }
      i += OPTIONS_WITH_VALUE.contains(a) ? 2 : 1;
    }
    String main = String.join(" ", args.subList(Math.min(i, args.size()), args.size()));
    return abbreviate(command + (i > 0 ? " […] " : " ") + main, 240);
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  private Map<String, String> call(Map<String, String> request) {
    Map<String, String> r;
    try {
      r = HostProtocol.call(runDir.socket(), request);
    } catch (IOException e) {
      throw hostGone(e);
    }
    if (!"true".equals(r.get(HostProtocol.OK))) {
      throw new IllegalStateException(r.getOrDefault(HostProtocol.ERROR, "the host refused: " + r));
    }
    return r;
  }

  /**
   * Fails at once if the run's host is gone or was stopped by {@code down}, or one of {@code
   * services} died; does nothing otherwise. Cheap enough for before each test: one read of the
   * host's {@code /proc} entry and one {@code stat} of the incidents file (which exists only once
   * something went wrong).
   *
   * @throws IllegalStateException saying what ended: which service died, how, and the tail of its
   *     log; that {@code down} stopped the services; or that the host is gone, with its log's tail
   */
  public void requireAlive(Collection<Service> services) {
    if (host == null || !host.isAlive()) {
      throw hostGone(null);
    }
    RunIncidents now = incidents.current();
    if (now.down().isPresent()) {
      throw new IllegalStateException(now.down().get());
    }
    List<String> dead = new ArrayList<>();
    for (Service s : services) {
      String death = now.deaths().get(s);
      if (death != null) {
        dead.add(death);
      }
    }
    if (!dead.isEmpty()) {
      throw new IllegalStateException(String.join("\n", dead));
    }
  }

  /** The services of the run that died so far; the host reported them in its incidents file. */
  public Set<Service> deadServices() {
    Set<Service> dead = EnumSet.noneOf(Service.class);
    dead.addAll(incidents.current().deaths().keySet());
    return dead;
  }

  private IllegalStateException hostGone(@Nullable IOException cause) {
    Optional<String> down = incidents.current().down();
    if (down.isPresent()) {
      return new IllegalStateException(down.get(), cause);
    }
    return new IllegalStateException(
        "the testlanes service host of this run (pid "
            + hostPid
            + ") is gone, so are its services; tests that were using them fail. Its log "
            + runDir.hostLog()
            + " ends with:\n"
            + ServiceProcess.tail(runDir.hostLog(), 20),
        cause);
  }

  /**
   * Makes sure {@code services} run (starting those that don't, once for the whole run) and returns
   * their endpoints.
   *
   * @throws io.testlanes.internal.backend.ServiceStartException-like IllegalStateException with the
   *     host's message (which service, why, log tail) if one cannot start
   */
  public synchronized Map<Service, ServiceEndpoint> ensure(Collection<Service> services) {
    if (closed) {
      throw new IllegalStateException("this JVM already detached from the run");
    }
    List<Service> missing =
        services.stream().filter(s -> !endpoints.containsKey(s)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      long t0 = System.nanoTime();
      Map<String, String> request = new LinkedHashMap<>();
      request.put(HostProtocol.COMMAND, "ensure");
      request.put("services", missing.stream().map(Service::id).collect(Collectors.joining(",")));
      Map<String, String> r = call(request);
      for (Service s : missing) {
        String prefix = "service." + s.id() + ".";
        ServiceEndpoint e = ServiceEndpoint.fromProperties(r, prefix);
        endpoints.put(s, e);
        Duration ready =
            Duration.ofMillis(Long.parseLong(r.getOrDefault(prefix + "readyMillis", "0")));
        readyTimes.put(s, ready);
      }
      log.info(
          "services {} available in {}",
          missing.stream().map(Service::id).collect(Collectors.joining(", ")),
          Durations.format(Duration.ofNanos(System.nanoTime() - t0)));
    }
    Map<Service, ServiceEndpoint> m = new EnumMap<>(Service.class);
    for (Service s : services) {
      ServiceEndpoint e = endpoints.get(s);
      if (e != null) {
        m.put(s, e);
      }
    }
    return m;
  }

  /** How long each service took to become ready, as the host measured it. */
  public synchronized Map<Service, Duration> readyTimes() {
    return new EnumMap<>(readyTimes);
  }

  /** The host's status: services, start counts, lanes leased, attached JVMs. */
  public Map<String, String> status() {
    return call(Map.of(HostProtocol.COMMAND, "status"));
  }

  /** Lane locks of this run. */
  public LaneLocks locks() {
    return locks;
  }

  public RunDirectory runDirectory() {
    return runDir;
  }

  public Settings settings() {
    return settings;
  }

  public long hostPid() {
    return hostPid;
  }

  /** Ends this JVM's shared attachment to the run in {@code runDir}, if it has one. */
  static void detachShared(RunDirectory runDir) {
    RunClient c = SHARED.get(runDir.path());
    if (c != null) {
      c.close();
    }
  }

  /** Status of the host of {@code runDir} if one runs there, for the command line. */
  public static @Nullable Map<String, String> statusOf(RunDirectory runDir) throws IOException {
    if (!hostAlive(runDir)) {
      return null;
    }
    try {
      return HostProtocol.call(runDir.socket(), Map.of(HostProtocol.COMMAND, "status"));
    } catch (IOException e) {
      // It stopped by itself meanwhile, or is stopping: it closes its socket first.
      if (!hostAlive(runDir) || !Files.exists(runDir.socket())) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Whether the host of {@code runDir}, found alive a moment ago but not answering now, stopped by
   * itself meanwhile (its idle grace ended): it closes its socket first and releases its lock last,
   * once its services are stopped. Waits up to {@code wait} for that.
   */
  private static boolean stoppedMeanwhile(RunDirectory runDir, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (hostAlive(runDir)) {
      if (Files.exists(runDir.socket()) || System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /**
   * Tells the host of {@code runDir} to stop its services now; returns false if none runs.
   *
   * @param force stop them even while other JVMs are attached (their next use of the run then
   *     fails, saying that down stopped the services)
   * @throws IllegalStateException without {@code force}, if other JVMs are attached: the host's
   *     refusal, listing them
   */
  public static boolean down(RunDirectory runDir, boolean force, Duration wait)
      throws IOException, InterruptedException {
    if (!hostAlive(runDir)) {
      return false;
    }
    Map<String, String> r;
    try {
      r =
          HostProtocol.call(
              runDir.socket(),
              Map.of(
                  HostProtocol.COMMAND,
                  "down",
                  "pid",
                  Long.toString(ProcessHandle.current().pid()),
                  "force",
                  Boolean.toString(force)));
    } catch (IOException e) {
      if (stoppedMeanwhile(runDir, wait)) {
        return true;
      }
      throw e;
    }
    // A host that stops at once may close the connection before its answer: only a refusal counts.
    if ("false".equals(r.get(HostProtocol.OK))) {
      throw new IllegalStateException(r.getOrDefault(HostProtocol.ERROR, "the host refused: " + r));
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (hostAlive(runDir) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return true;
  }

  /** Detaches: releases this JVM's hold on the run. The host stops when no JVM holds it. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    SHARED.remove(runDir.path(), this);
    ATTACHED.remove(runDir.path());
    try {
      HostProtocol.call(
          runDir.socket(),
          Map.of(HostProtocol.COMMAND, "bye", "pid", Long.toString(ProcessHandle.current().pid())));
    } catch (IOException e) {
      log.debug("the host of {} is gone already: {}", runDir, e.toString());
    }
    try {
      clientsChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + runDir.clientsLock(), e);
    }
  }
}

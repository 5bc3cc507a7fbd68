package io.testlanes.junit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.Lane;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;

/**
 * One launch of a test in a JVM (or build) of its own, on a run of its own (its own {@code
 * testlanes.runId}, so its own service host), and what it left behind. The test it runs writes a
 * {@link Marker} that says where it ran.
 */
final class Launch {
  /** How long the run's host and services may take to stop once the last JVM is gone. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** How the service host's process is told from others: the class it runs. */
  private static final String HOST_MAIN_CLASS = "io.testlanes.internal.run.RunHost";

  private final Path dir;
  private final String runId = "launch-" + UUID.randomUUID();
  private long exitedAt;

  Launch(Path dir) {
    this.dir = dir;
  }

  /** This JVM's test class path: Surefire's, or {@code java.class.path} outside Surefire. */
  static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null ? surefire : System.getProperty("java.class.path", "");
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The settings of this launch's run, as {@code -D} options. */
  List<String> systemProperties() {
    List<String> d = new ArrayList<>();
    d.add("-Dtestlanes.runId=" + runId);
    d.add("-Dtestlanes.services=redis");
    d.add("-D" + Marker.PROPERTY + "=" + markerFile());
    String cache = System.getProperty("testlanes.cacheDir");
    if (cache != null) {
      d.add("-Dtestlanes.cacheDir=" + cache);
    }
    return d;
  }

  /** Runs {@code command} in {@code dir}; returns its exit code and output. */
  Result run(String label, List<String> command, Map<String, String> environment, Duration timeout)
      throws IOException, InterruptedException {
    Path output = dir.resolve("output.txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(environment);
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "no exit within " + timeout + ": " + command + "\n" + Files.readString(output));
    }
    exitedAt = System.nanoTime();
    System.out.printf("%s: exit %d in %d ms%n", label, p.exitValue(), (exitedAt - t0) / 1_000_000);
    return new Result(p.exitValue(), Files.readString(output));
  }

  /** What the test wrote about where it ran; fails if it did not run. */
  Marker marker() throws IOException {
    Path f = markerFile();
    assertThat(f).as("the marker the test writes when it ran").exists();
    return Marker.parse(Files.readString(f));
  }

  private Path markerFile() {
    return dir.resolve("marker.txt");
  }

  /**
   * Asserts that the Redis server that answered the test was started by a service host that is
   * still up after the launch (the idle grace), then that the host and every process it started are
   * gone within {@link #STOP_TIMEOUT}.
   */
  void assertHostAndServicesStop(Marker marker) throws InterruptedException {
    ProcessHandle redis =
        ProcessHandle.of(marker.redisPid())
            .orElseThrow(
                () -> new AssertionError("Redis " + marker.redisPid() + " is gone already"));
    Optional<ProcessHandle> host = redis.parent();
    while (host.isPresent() && !commandLine(host.get()).contains(HOST_MAIN_CLASS)) {
      host = host.get().parent();
    }
    assertThat(host).as("the service host of run " + runId + ", above Redis").isPresent();
    String hostClassPath = classPathOf(commandLine(host.get()));
    Set<ProcessHandle> family = new HashSet<>();
    family.add(host.get());
    host.get().descendants().forEach(family::add);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (family.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(family.stream().filter(ProcessHandle::isAlive).map(Launch::describe))
        .as("processes of run " + runId + " left running")
        .isEmpty();
    System.out.printf(
        "host (class path: %s) and %d processes it started gone %d ms after the launch ended%n",
        hostClassPath, family.size() - 1, (System.nanoTime() - exitedAt) / 1_000_000);
  }

  /** The entry count and length of the {@code -cp} argument of a java command line. */
  private static String classPathOf(String commandLine) {
    Matcher m = Pattern.compile(" -cp (\\S+)").matcher(commandLine);
    return m.find()
        ? m.group(1).split(File.pathSeparator).length
            + " entries, "
            + m.group(1).length()
            + " chars"
        : "none";
  }

  private static String describe(ProcessHandle p) {
    String c = commandLine(p);
    return p.pid() + " " + (c.length() > 300 ? c.substring(0, 300) + "…" : c);
  }

  /**
   * A process's whole command line, from {@code /proc}: {@link ProcessHandle.Info} cuts long ones
   * (the host's class path) short.
   */
  private static String commandLine(ProcessHandle p) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return p.info().commandLine().orElse("?"); // gone, or not Linux
    }
  }

  /** A launch's exit code and output. */
  record Result(int exitCode, String output) {}

  /**
   * Where the launched test ran: the pid of the Redis server that answered it (from {@code INFO
   * server}), the lane's database and the test class's module.
   */
  record Marker(long redisPid, int database, String module) {
    static final String PROPERTY = "launch.marker";
    private static final Pattern FORMAT =
        Pattern.compile("redis pid (\\d+) db (\\d+) module (\\S+)\\s*");
    private static final Pattern PROCESS_ID = Pattern.compile("process_id:(\\d+)");

    /** Called by the launched test. */
    static void write(UnifiedJedis redis, Lane lane, Class<?> test) throws IOException {
      Matcher m = PROCESS_ID.matcher(redis.info("server"));
      assertThat(m.find()).as("INFO server names the process id").isTrue();
      Module module = test.getModule();
      String text =
          "redis pid "
              + m.group(1)
              + " db "
              + lane.redisDatabase()
              + " module "
              + (module.isNamed() ? module.getName() : "unnamed");
      Files.writeString(Path.of(System.getProperty(PROPERTY, "marker.txt")), text + "\n");
    }

    static Marker parse(String text) {
      Matcher m = FORMAT.matcher(text);
      assertThat(m.matches()).as("marker '" + text + "'").isTrue();
      return new Marker(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
    }
  }
}

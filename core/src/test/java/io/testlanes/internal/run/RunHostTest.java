package io.testlanes.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.run.TestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-process tests of the run host: several real JVMs of one run, real services, real {@code
 * kill -9}. Each test has a run id of its own, so tests never share a host.
 */
class RunHostTest {
  private static final Duration ANSWER = Duration.ofSeconds(90);

  private final List<ClientJvm> jvms = new ArrayList<>();
  private String runId = "";
  private RunDirectory runDir = RunDirectory.at(Path.of("unset"), "unset", "unset");
  private Path dataRoot = Path.of("unset");
  private Map<String, String> props = new HashMap<>();

  @BeforeEach
  void newRun() {
    runId = "run-host-test-" + UUID.randomUUID();
    props = new HashMap<>();
    props.put(Keys.RUN_ID, runId);
    props.put(Keys.SERVICES, "postgres,redis");
    String cache = System.getProperty(Keys.CACHE_DIR);
    if (cache != null) {
      props.put(Keys.CACHE_DIR, cache);
    }
    runDir = RunDirectory.of(settings(props));
    dataRoot = runDir.dataRoot(settings(props));
  }

  private static Settings settings(Map<String, String> p) {
    return Settings.load(List.of(ConfigSource.of("test", p)));
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (ClientJvm j : jvms) {
      j.close();
    }
    RunClient.down(runDir, true, Duration.ofSeconds(60));
    awaitNoServiceProcesses(Duration.ofSeconds(30));
    deleteTree(runDir.path());
  }

  private ClientJvm jvm() throws IOException {
    ClientJvm j = ClientJvm.start(props);
    jvms.add(j);
    return j;
  }

  @Test
  void fourJvmsStartingTogetherShareOneSetOfServicesStartedOnce() throws Exception {
    List<ClientJvm> four = List.of(jvm(), jvm(), jvm(), jvm());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (ClientJvm j : four) {
        Callable<String> attachAndEnsure =
            () -> j.send("attach", ANSWER) + " | " + j.send("ensure postgres,redis", ANSWER);
        answers.add(pool.submit(attachAndEnsure));
      }
      Set<String> hosts = new HashSet<>();
      Set<String> endpoints = new HashSet<>();
      for (Future<String> f : answers) {
        String a = f.get();
        assertThat(a).startsWith("attached host=").contains("endpoints postgres=");
        hosts.add(a.replaceAll("attached host=(\\d+).*", "$1"));
        endpoints.add(a.substring(a.indexOf("endpoints")));
      }
      assertThat(hosts).hasSize(1);
      assertThat(endpoints).hasSize(1);
      String status = four.get(0).send("status", ANSWER);
      assertThat(status)
          .contains("service.postgres.starts=1")
          .contains("service.redis.starts=1")
          .doesNotContain("service.cassandra");
      assertThat(serviceProcesses()).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whenTheLastJvmExitsTheServicesStopWithinTheGracePeriod() throws Exception {
    ClientJvm a = jvm();
    ClientJvm b = jvm();
    a.send("attach", ANSWER);
    b.send("attach", ANSWER);
    a.send("ensure redis,postgres", ANSWER);
    assertThat(serviceProcesses()).hasSize(2);
    a.exit();
    Thread.sleep(RunHost.MIN_IDLE_GRACE.toMillis() + 1000);
    assertThat(serviceProcesses()).as("one JVM is still attached").hasSize(2);
    b.exit();
    long t0 = System.nanoTime();
    awaitHostGone(RunHost.MIN_IDLE_GRACE.plusSeconds(15));
    awaitNoServiceProcesses(Duration.ofSeconds(5));
    Duration stop = Duration.ofNanos(System.nanoTime() - t0);
    System.out.println(
        "last JVM exit -> host gone and services stopped: " + stop.toMillis() + " ms");
    assertThat(stop).isLessThan(RunHost.MIN_IDLE_GRACE.plusSeconds(15));
    assertThat(dataRoot).doesNotExist();
  }

  @Test
  void servicesStartLazilyAndOnlyThoseAskedFor() throws Exception {
    ClientJvm a = jvm();
    a.send("attach", ANSWER);
    assertThat(a.send("status", ANSWER)).doesNotContain("service.");
    assertThat(serviceProcesses()).isEmpty();
    a.send("ensure redis", ANSWER);
    String status = a.send("status", ANSWER);
    assertThat(status).contains("service.redis.starts=1").doesNotContain("service.postgres");
  }

  @Test
  void killNineOfATestJvmReturnsItsLanesAndTheOthersCarryOn() throws Exception {
    ClientJvm a = jvm();
    ClientJvm b = jvm();
    a.send("attach", ANSWER);
    b.send("attach", ANSWER);
    a.send("ensure redis", ANSWER);
    assertThat(a.send("lease", ANSWER)).isEqualTo("lane 1");
    assertThat(a.send("lease", ANSWER)).isEqualTo("lane 2");
    assertThat(b.send("lease", ANSWER)).isEqualTo("lane 3");
    a.kill9();
    // The OS freed a's locks: b gets the lowest lanes again, and the services still answer.
    assertThat(b.send("lease", ANSWER)).isEqualTo("lane 1");
    assertThat(b.send("lease", ANSWER)).isEqualTo("lane 2");
    assertThat(b.send("ensure redis", ANSWER)).startsWith("endpoints redis=");
    assertThat(b.send("status", ANSWER))
        .contains("lane.1=")
        .contains("lane.3=")
        .contains("service.redis.starts=1");
  }

  @Test
  void aLaneIsHeldByOneWorkerAtATimeAcrossJvms() throws Exception {
    List<ClientJvm> three = List.of(jvm(), jvm(), jvm());
    for (ClientJvm j : three) {
      j.send("attach", ANSWER);
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<String>>> got = new ArrayList<>();
      for (ClientJvm j : three) {
        got.add(
            pool.submit(
                () -> {
                  List<String> lanes = new ArrayList<>();
                  for (int i = 0; i < 4; i++) {
                    lanes.add(j.send("lease", ANSWER));
                  }
                  return lanes;
                }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : got) {
        all.addAll(f.get());
      }
      assertThat(all).hasSize(12).doesNotHaveDuplicates();
      assertThat(
              all.stream().map(s -> Integer.parseInt(s.substring(5))).collect(Collectors.toSet()))
          .isEqualTo(
              java.util.stream.IntStream.rangeClosed(1, 12).boxed().collect(Collectors.toSet()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void killNineOfTheHostFailsTheJvmsClearlyAndLeavesNothingBehind() throws Exception {
    ClientJvm a = jvm();
    String attached = a.send("attach", ANSWER);
    long hostPid = Long.parseLong(attached.replaceAll("attached host=(\\d+).*", "$1"));
    a.send("ensure postgres,redis", ANSWER);
    assertThat(serviceProcesses()).hasSize(2);
    assertThat(dataRoot).isDirectory();

    ProcessHandle host = ProcessHandle.of(hostPid).orElseThrow();
    host.destroyForcibly();
    host.onExit().get();

    long t0 = System.nanoTime();
    String answer = a.send("status", Duration.ofSeconds(10));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(answer)
        .startsWith(
            "error IllegalStateException: the testlanes service host of this run (pid "
                + hostPid
                + ") is gone");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    awaitNoServiceProcesses(Duration.ofSeconds(10));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Files.exists(dataRoot) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(dataRoot).as("data directory removed by the watchdog").doesNotExist();
  }

  @Test
  void killNineOfAServiceFailsItsUsersAtOnceSayingHowItDiedAndTheOthersGoOn() throws Exception {
    ClientJvm a = jvm();
    assertThat(a.send("join", ANSWER)).isEqualTo("joined [POSTGRES, REDIS]");
    assertThat(a.send("take", ANSWER)).isEqualTo("lane 1");
    ClientJvm redisOnly = jvm();
    redisOnly.send("join", ANSWER);
    assertThat(redisOnly.send("take redis", ANSWER)).isEqualTo("lane 2");
    Set<Long> pids = leftovers().pids();
    System.out.println("check before each test, all well: " + a.send("checkcost 20000", ANSWER));
    ProcessHandle postgres = leftovers().service(io.testlanes.config.Service.POSTGRES);
    List<String> segments = RunLeftovers.sharedMemorySegmentsCreatedBy(Set.of(postgres.pid()));
    assertThat(segments).as("postgres's interlock segment").hasSize(1);

    long t0 = System.nanoTime();
    postgres.destroyForcibly();
    String died = awaitStatus(a, "service.postgres.died=", Duration.ofSeconds(5));
    Duration noticed = Duration.ofNanos(System.nanoTime() - t0);
    System.out.println(
        "postgres killed -> the host recorded its death in " + noticed.toMillis() + " ms");
    assertThat(noticed).isLessThan(Duration.ofSeconds(1));
    String expected =
        "postgres died during this run: its process (pid "
            + postgres.pid()
            + ") was killed by signal 9 (SIGKILL). Tests that use postgres fail from now on; the"
            + " others go on. --- last lines of the postgres log --- ";
    assertThat(died).contains("was killed by signal 9 (SIGKILL)");

    // Its users fail at once, in every JVM, with the message: the check, a reset, a new lease.
    long c0 = System.nanoTime();
    assertThat(a.send("check", ANSWER)).startsWith("error IllegalStateException: " + expected);
    System.out.println(
        "check of a dead service: " + (System.nanoTime() - c0) / 1000 + " us round trip");
    assertThat(a.send("reset", ANSWER)).startsWith("error IllegalStateException: " + expected);
    ClientJvm later = jvm();
    later.send("attach", ANSWER);
    assertThat(later.send("ensure postgres", ANSWER))
        .startsWith("error IllegalStateException: " + expected);
    // The others go on: Redis answers, a Redis-only lease checks and resets.
    assertThat(later.send("ensure redis", ANSWER)).startsWith("endpoints redis=");
    assertThat(redisOnly.send("check", ANSWER)).isEqualTo("alive");
    System.out.println(
        "check before each test, postgres dead: " + redisOnly.send("checkcost 20000", ANSWER));
    assertThat(redisOnly.send("reset", ANSWER)).startsWith("reset in ");
    assertThat(redisOnly.send("take redis", ANSWER)).isEqualTo("lane 3");

    // The dead server left nothing: no process of its group, no directory, no segment.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline
        && (!RunLeftovers.sharedMemorySegmentsCreatedBy(Set.of(postgres.pid())).isEmpty()
            || postgresDirectories() > 0)) {
      Thread.sleep(50);
    }
    assertThat(RunLeftovers.sharedMemorySegmentsCreatedBy(Set.of(postgres.pid()))).isEmpty();
    assertThat(postgresDirectories()).isZero();
    assertThat(serviceProcesses()).hasSize(1); // redis

    for (ClientJvm j : List.of(a, redisOnly, later)) {
      j.exit();
    }
    RunClient.down(runDir, true, Duration.ofSeconds(60));
    Duration gone = leftovers().awaitNothingLeft(pids, Duration.ofSeconds(10));
    System.out.println("after the run: nothing left " + gone.toMillis() + " ms after down");
  }

  private long postgresDirectories() throws IOException {
    if (!Files.exists(dataRoot)) {
      return 0;
    }
    try (var dirs = Files.list(dataRoot)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("postgres-")).count();
    }
  }

  /** Polls {@code status} until it has a line starting with {@code key}; returns its value. */
  private static String awaitStatus(ClientJvm j, String key, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String status = j.send("status", ANSWER);
      int at = status.indexOf(key);
      if (at >= 0) {
        return status.substring(at + key.length());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + key + " in the status within " + timeout);
  }

  @Test
  void keepAliveKeepsServicesUpForAWarmRerunThatAttachesFast() throws Exception {
    props.put(Keys.KEEP_ALIVE, "2m");
    ClientJvm first = jvm();
    first.send("attach", ANSWER);
    String endpoints = first.send("ensure postgres,redis", ANSWER);
    first.exit();
    Thread.sleep(RunHost.MIN_IDLE_GRACE.toMillis() + 1500);
    assertThat(serviceProcesses()).as("kept alive").hasSize(2);

    ClientJvm second = jvm();
    String attached = second.send("attach", ANSWER);
    long micros = Long.parseLong(attached.replaceAll(".*micros=(\\d+).*", "$1"));
    System.out.println("warm attach: " + micros / 1000 + " ms");
    assertThat(second.send("ensure postgres,redis", ANSWER)).isEqualTo(endpoints);
    assertThat(second.send("status", ANSWER)).contains("service.postgres.starts=1");
    assertThat(Duration.ofNanos(micros * 1000)).isLessThan(Duration.ofSeconds(1));
  }

  /**
   * {@code testlanes.reset=none} across JVMs: a lane's first holder in a session gets it in the
   * template's state, later holders (in other JVMs too) what the earlier ones left; the next
   * session on the same kept-alive services starts from the template again.
   */
  @Test
  void aLaneNeverResetKeepsWhatTheJvmsOfOneSessionLeftAndTheNextSessionStartsAfresh()
      throws Exception {
    props.put(Keys.SERVICES, "postgres");
    props.put(Keys.POSTGRES_SCHEMA, "lane/schema.sql,lane/seed.sql");
    props.put(Keys.WORKERS, "1");
    props.put(Keys.KEEP_ALIVE, "2m");
    String count = "sql SELECT count(*) FROM currencies";
    ClientJvm a = jvm();
    a.send("join", ANSWER);
    a.send("take none", ANSWER);
    assertThat(a.send(count, ANSWER)).isEqualTo("sql 3");
    a.send("sql INSERT INTO currencies (code, name) VALUES ('GBP', 'Pound')", ANSWER);
    assertThat(a.send("give 1", ANSWER)).isEqualTo("gave 1");

    ClientJvm b = jvm();
    b.send("join", ANSWER);
    assertThat(b.send("take none", ANSWER)).isEqualTo("lane 1");
    assertThat(b.send(count, ANSWER)).as("what JVM a left").isEqualTo("sql 4");
    b.send("give 1", ANSWER);
    assertThat(b.send("take", ANSWER)).isEqualTo("lane 1");
    assertThat(b.send(count, ANSWER)).as("reset at lease").isEqualTo("sql 3");
    b.send("sql INSERT INTO currencies (code, name) VALUES ('GBP', 'Pound')", ANSWER);
    b.send("give 1", ANSWER);
    a.exit();
    b.exit();

    ClientJvm c = jvm();
    c.send("join", ANSWER);
    assertThat(c.send("take none", ANSWER)).isEqualTo("lane 1");
    assertThat(c.send(count, ANSWER)).as("a new session's first holder").isEqualTo("sql 3");
  }

  @Test
  void aRunWithOtherHostSettingsGetsAHostOfItsOwnAndSaysWhyWhileEqualSettingsShareTheWarmOne()
      throws Exception {
    props.put(Keys.KEEP_ALIVE, "2m");
    ClientJvm first = jvm();
    long warm = hostPid(first.send("attach", ANSWER));
    first.send("ensure redis", ANSWER);
    first.exit();

    Map<String, String> durable = new HashMap<>(props);
    durable.put(Keys.POSTGRES_FSYNC, "true");
    ClientJvm other = ClientJvm.start(durable);
    jvms.add(other);
    long own = hostPid(other.send("attach", ANSWER));
    assertThat(own).isNotEqualTo(warm);
    assertThat(other.output())
        .contains("a service host of this project with other settings runs too (pid " + warm + ",")
        .contains(
            "this run started its own because testlanes.postgres.fsync is true here, false"
                + " there");

    ClientJvm same = jvm();
    assertThat(hostPid(same.send("attach", ANSWER))).as("the warm host").isEqualTo(warm);
    assertThat(same.output()).doesNotContain("other settings");
    other.exit();
    same.exit();
    assertThat(TestRun.down(settings(props), false, Duration.ofSeconds(60)))
        .as("down stops every host of the project")
        .hasSize(2);
  }

  private static long hostPid(String attached) {
    return Long.parseLong(attached.replaceAll("attached host=(\\d+).*", "$1"));
  }

  @Test
  void aCacheDirectoryTooDeepForASocketPathStillServes() throws Exception {
    Path deep = Path.of("target", "deep-cache-" + "d".repeat(40), "e".repeat(40)).toAbsolutePath();
    props.put(Keys.CACHE_DIR, deep.toString());
    RunDirectory deepRun = RunDirectory.of(settings(props));
    assertThat(deepRun.path().resolve("host.sock").toString().length())
        .as("longer than a Unix-domain socket path may be")
        .isGreaterThan(108);
    ClientJvm a = jvm();
    assertThat(a.send("attach", ANSWER)).startsWith("attached host=");
    assertThat(a.send("ensure redis", ANSWER)).startsWith("endpoints redis=");
    assertThat(deepRun.socket()).exists();
    assertThat(deepRun.socket().toString().length()).isLessThanOrEqualTo(100);
    a.exit();
    TestRun.down(settings(props), false, Duration.ofSeconds(60));
    assertThat(deepRun.socket()).doesNotExist();
    deleteTree(deep);
  }

  @Test
  void twoRunsNeverShareServices() throws Exception {
    ClientJvm a = jvm();
    Map<String, String> other = new HashMap<>(props);
    String otherId = runId + "-other";
    other.put(Keys.RUN_ID, otherId);
    ClientJvm b = ClientJvm.start(other);
    jvms.add(b);
    try {
      String ha = a.send("attach", ANSWER);
      String hb = b.send("attach", ANSWER);
      assertThat(ha.replaceAll(" micros.*", "")).isNotEqualTo(hb.replaceAll(" micros.*", ""));
      assertThat(a.send("ensure redis", ANSWER)).isNotEqualTo(b.send("ensure redis", ANSWER));
    } finally {
      b.close();
      RunDirectory od = RunDirectory.of(settings(other));
      RunClient.down(od, true, Duration.ofSeconds(60));
      deleteTree(od.path());
    }
  }

  private List<ProcessHandle> serviceProcesses() {
    return leftovers().serviceProcesses();
  }

  private RunLeftovers leftovers() {
    return new RunLeftovers(runDir, dataRoot);
  }

  private void awaitNoServiceProcesses(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ProcessHandle> left = serviceProcesses();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      left = serviceProcesses();
    }
    assertThat(left).as("service processes of run " + runId).isEmpty();
  }

  private void awaitHostGone(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (RunClient.hostAlive(runDir) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(RunClient.hostAlive(runDir)).as("host of run " + runId + " still alive").isFalse();
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path f : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(f);
      }
    }
  }
}

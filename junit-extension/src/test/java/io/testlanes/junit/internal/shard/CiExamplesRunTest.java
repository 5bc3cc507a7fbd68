package io.testlanes.junit.internal.shard;

import static io.testlanes.junit.internal.shard.CiConfigs.list;
import static io.testlanes.junit.internal.shard.CiConfigs.map;
import static io.testlanes.junit.internal.shard.CiConfigs.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.json.Json;
import io.testlanes.junit.internal.report.Timings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI example configurations, run for real: servers started with exactly the arguments the files
 * give their service containers (Debian's Postgres 15 and redis-server; Cassandra through
 * testlanes, as {@code ci/external/cassandra-up.sh} starts it), the example suite run with the
 * environment the files set, and the timings of three simulated CircleCI nodes merged by the file's
 * own merge step. Ports are mapped as a container's would be: each server listens on a free port
 * and the files' {@code localhost:5432}, {@code :6379} and {@code :9042} are rewritten to it; the
 * runners' home and workspace directories become directories of the test.
 *
 * <p>Heavy (several runs of the example suite): only with {@code -Pci-examples}, a step of {@code
 * .ci/run}, after {@code mvn install}; needs redis-server, jq, python3 and Postgres 15 in {@code
 * /usr/lib/postgresql/15/bin}.
 */
@Tag("ci-examples")
class CiExamplesRunTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final boolean ROOT_USER = "root".equals(System.getProperty("user.name"));
  private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(20);

  @TempDir Path work;

  /** What to stop after the test, last started first. */
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  @BeforeEach
  void everyUserMayEnter() throws IOException {
    // The embedded Postgres runs as an unprivileged user when this runs as root.
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void stopServers() throws Exception {
    while (!started.isEmpty()) {
      started.pop().close();
    }
  }

  @Test
  void gitHubExternalJobPassesOnAStockRedisInOneJvmAndInTwoForksOfTwo() throws Exception {
    Map<Object, Object> workflow = CiConfigs.load(CiConfigs.GITHUB);
    Map<Object, Object> job = map(map(workflow.get("jobs")).get("test-external"));
    Map<Object, Object> services = map(job.get("services"));
    Map<String, String> rewrite = new LinkedHashMap<>();
    rewrite.put("${{ github.workspace }}", dir("w").toString());
    rewrite.put("/home/runner", dir("r").toString());

    Map<Object, Object> postgres = map(services.get("postgres"));
    assertThat(postgres.get("image")).isEqualTo("postgres:17");
    rewrite.put(
        "localhost:5432",
        "localhost:"
            + startPostgres(
                strings(postgres.get("env")),
                List.of(),
                String.valueOf(postgres.get("options"))
                    .contains("--tmpfs /var/lib/postgresql/data")));
    Map<Object, Object> redis = map(services.get("redis"));
    assertThat(redis).doesNotContainKey("command");
    rewrite.put("localhost:6379", "localhost:" + startRedis(List.of()));
    Cassandra cassandra = startCassandra();
    rewrite.put("localhost:9042", cassandra.address());
    Map<String, String> env = environment(strings(job.get("env")), rewrite);
    env.putAll(cassandra.credentials());
    assertThat(env).containsEntry("TESTLANES_WORKERS", "4").doesNotContainKey("TESTLANES_SHARD");

    exampleSuite("github-external-4-workers", env, List.of());
    exampleSuite("github-external-2-forks-x-2", env, List.of("-Pforks", "-Dtestlanes.workers=2"));
  }

  @Test
  void circleCiExternalJobOnThreeNodesMergesEveryNodesTimingsForTheNextSplit() throws Exception {
    Map<Object, Object> config = CiConfigs.load(CiConfigs.CIRCLECI);
    Map<Object, Object> job = map(map(config.get("jobs")).get("test-external"));
    List<Object> docker = list(job.get("docker"));
    Map<String, String> rewrite = circleRewrite();
    Map<String, String> credentials = Map.of();
    for (Object c : docker.subList(1, docker.size())) {
      Map<Object, Object> container = map(c);
      String image = String.valueOf(container.get("image"));
      List<String> command =
          container.get("command") == null
              ? List.of()
              : list(container.get("command")).stream().map(String::valueOf).toList();
      if (image.startsWith("postgres:")) {
        assertThat(command).first().isEqualTo("postgres");
        rewrite.put(
            "localhost:5432",
            "localhost:"
                + startPostgres(
                    strings(container.get("environment")),
                    command.subList(1, command.size()),
                    false));
      } else if (image.startsWith("redis:")) {
        assertThat(command).first().isEqualTo("redis-server");
        rewrite.put(
            "localhost:6379", "localhost:" + startRedis(command.subList(1, command.size())));
      } else {
        assertThat(image).startsWith("cassandra:");
        Cassandra cassandra = startCassandra();
        rewrite.put("localhost:9042", cassandra.address());
        credentials = cassandra.credentials();
      }
    }
    Map<String, String> env = environment(strings(map(docker.get(0)).get("environment")), rewrite);
    assertThat(env).containsEntry("TESTLANES_BACKEND", "external");
    env.putAll(credentials);

    Map<String, Long> merged = threeNodesAndMerge(config, "test-external", env, rewrite);

    Set<String> suite = exampleSuiteClasses();
    assertThat(suite).as("the example suite's classes (README: 43)").hasSize(43);
    assertThat(merged.keySet()).as("the merged timings know every class").containsAll(suite);
    ShardPlan next = ShardPlan.split(suite, merged, 3);
    assertThat(next.timed()).isTrue();
    System.out.printf(
        "next split of %d classes by the merged timings: %d / %d / %d ms (largest/mean %.3f)%n",
        suite.size(), next.load(1), next.load(2), next.load(3), next.largestOverMean());
  }

  @Test
  void circleCiDefaultJobPassesOnTheEmbeddedBackendWithItsCacheAndDataDirectories()
      throws Exception {
    Map<Object, Object> config = CiConfigs.load(CiConfigs.CIRCLECI);
    Map<Object, Object> job = map(map(config.get("jobs")).get("test"));
    List<Object> docker = list(job.get("docker"));
    assertThat(docker).as("no service containers").hasSize(1);
    Map<String, String> env =
        environment(strings(map(docker.get(0)).get("environment")), circleRewrite());
    assertThat(env)
        .doesNotContainKey("TESTLANES_BACKEND")
        .containsKeys("TESTLANES_CACHEDIR", "TESTLANES_DATADIR");

    exampleSuite("circleci-embedded", env, List.of());

    assertThat(Path.of(env.get("TESTLANES_CACHEDIR")))
        .as("testlanes' cache, where the file caches it")
        .isDirectoryContaining(p -> p.getFileName().toString().startsWith("postgres-"));
  }

  /**
   * Three nodes of {@code job} in turn, as fresh machines, then the merge job; the merged timings.
   */
  private Map<String, Long> threeNodesAndMerge(
      Map<Object, Object> config, String job, Map<String, String> env, Map<String, String> rewrite)
      throws Exception {
    Path home = Path.of(rewrite.get("/home/circleci"));
    Path timingsDir = home.resolve("testlanes-timings");
    Path cached = dir("cache").resolve("testlanes-timings");
    String tests = CiConfigs.circleRun(config, job, "Tests, shard of this node");
    String handOver = CiConfigs.circleRun(config, job, "This node's timings, for merge-timings");
    Map<String, Map<String, Long>> byNode = new TreeMap<>();
    for (int node = 0; node < 3; node++) {
      // A fresh node restores the cache (nothing on this first run).
      deleteTree(timingsDir);
      if (Files.isDirectory(cached)) {
        copyTree(cached, timingsDir);
      }
      Map<String, String> nodeEnv = new LinkedHashMap<>(env);
      nodeEnv.put("HOME", home.toString());
      nodeEnv.put("CIRCLE_NODE_INDEX", Integer.toString(node));
      nodeEnv.put("CIRCLE_NODE_TOTAL", "3");
      bash(
          "node-" + node,
          mavenAsTheExampleSuite() + rewrite(tests, rewrite),
          nodeEnv,
          SUITE_TIMEOUT);
      bash(
          "node-" + node + "-hand-over",
          rewrite(handOver, rewrite),
          nodeEnv,
          Duration.ofMinutes(1));
      byNode.put(
          "node-" + node,
          Timings.read(
              Path.of(rewrite.get("/tmp/")).resolve("timings-nodes/node-" + node + ".json")));
    }
    // The merge job: a fresh machine with the cache and the workspace of the nodes.
    deleteTree(timingsDir);
    if (Files.isDirectory(cached)) {
      copyTree(cached, timingsDir);
    }
    circleMerge(config, rewrite, home);
    copyTree(timingsDir, cached);

    Map<String, Long> merged = Timings.read(cached.resolve("timings.json"));
    Map<String, Long> union = new TreeMap<>();
    byNode.values().forEach(union::putAll);
    assertThat(byNode.values()).allSatisfy(n -> assertThat(n).isNotEmpty());
    assertThat(merged).as("every node's classes, each with its node's time").isEqualTo(union);
    return merged;
  }

  @Test
  void bothMergeStepsKeepForEveryClassTheTimeMeasuredLast() throws Exception {
    Map<String, String> rewrite = circleRewrite();
    Path nodes = Path.of(rewrite.get("/tmp/")).resolve("timings-nodes");
    Path home = Path.of(rewrite.get("/home/circleci"));
    Files.createDirectories(nodes);
    Files.createDirectories(home.resolve("testlanes-timings"));
    // The cached file the nodes started from, and what each node wrote: every node carries the
    // others' classes unchanged from the cache, and its own with a new time and stamp.
    write(
        home.resolve("testlanes-timings/timings.json"),
        Map.of("A", 100L, "B", 200L, "C", 300L),
        Map.of("A", 1L, "B", 1L));
    write(
        nodes.resolve("node-0.json"),
        Map.of("A", 150L, "B", 200L, "C", 300L),
        Map.of("A", 5L, "B", 1L));
    write(
        nodes.resolve("node-1.json"),
        Map.of("A", 100L, "B", 260L, "C", 300L, "D", 40L),
        Map.of("A", 1L, "B", 6L, "D", 6L));
    write(
        nodes.resolve("node-2.json"),
        Map.of("A", 100L, "B", 200L, "C", 300L),
        Map.of("A", 1L, "B", 1L));
    circleMerge(CiConfigs.load(CiConfigs.CIRCLECI), rewrite, home);

    Map<String, Long> expected = Map.of("A", 150L, "B", 260L, "C", 300L, "D", 40L);
    assertThat(Timings.read(home.resolve("testlanes-timings/timings.json")))
        .containsExactlyInAnyOrderEntriesOf(expected);

    // GitHub's merge step: the same in its own paths.
    Path workspace = dir("gh");
    Files.createDirectories(workspace.resolve(".testlanes/shards"));
    write(
        workspace.resolve(".testlanes/timings.json"),
        Map.of("A", 100L, "B", 200L, "C", 300L),
        Map.of("A", 1L, "B", 1L));
    for (int i = 0; i < 3; i++) {
      Files.copy(
          nodes.resolve("node-" + i + ".json"),
          workspace.resolve(".testlanes/shards/shard-" + (i + 1) + ".json"));
    }
    String github =
        CiConfigs.gitHubRun(
            CiConfigs.load(CiConfigs.GITHUB),
            "merge-timings",
            "Merge the shards' timings (for every class, the time measured last)");
    bash(
        "merge-github",
        "cd " + workspace + "\n" + github,
        Map.of("HOME", workspace.toString()),
        Duration.ofMinutes(1));
    assertThat(Timings.read(workspace.resolve(".testlanes/timings.json")))
        .containsExactlyInAnyOrderEntriesOf(expected);
  }

  /** The run step of CircleCI's merge-timings job, on a machine whose home is {@code home}. */
  private void circleMerge(Map<Object, Object> config, Map<String, String> rewrite, Path home)
      throws Exception {
    String merge =
        CiConfigs.circleRun(
            config,
            "merge-timings",
            "Merge the nodes' timings (for every class, the time measured last)");
    bash(
        "merge-timings",
        rewrite(merge, rewrite),
        Map.of("HOME", home.toString()),
        Duration.ofMinutes(1));
  }

  private static void write(Path file, Map<String, Long> classes, Map<String, Long> measured)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", 1);
    root.put("unit", "ms");
    root.put("classes", new TreeMap<>(classes));
    root.put("measured", new TreeMap<>(measured));
    Files.writeString(file, Json.write(root));
  }

  /**
   * The CircleCI runner's paths here. Short names: the service host's Unix socket lives under
   * testlanes' cache directory, and socket paths are limited to 107 bytes.
   */
  private Map<String, String> circleRewrite() throws IOException {
    Map<String, String> rewrite = new LinkedHashMap<>();
    rewrite.put("/home/circleci", dir("h").toString());
    rewrite.put("/tmp/", dir("tmp") + "/");
    return rewrite;
  }

  private Path dir(String name) throws IOException {
    Path d = Files.createDirectories(work.resolve(name));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    return d;
  }

  /**
   * The variables a file sets, rewritten to this machine; every {@code ${{ … }}} must have been
   * rewritten.
   */
  private static Map<String, String> environment(
      Map<String, String> given, Map<String, String> rewrite) {
    Map<String, String> env = new LinkedHashMap<>();
    given.forEach((k, v) -> env.put(k, rewrite(v, rewrite)));
    assertThat(env.values()).noneMatch(v -> v.contains("${{"));
    return env;
  }

  /** {@code text} with every key of {@code rewrite} replaced by its value, in one pass. */
  private static String rewrite(String text, Map<String, String> rewrite) {
    String keys =
        rewrite.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|"));
    return Pattern.compile(keys)
        .matcher(text)
        .replaceAll(m -> Matcher.quoteReplacement(rewrite.get(m.group())));
  }

  /**
   * A bash function that runs the example suite where a file's step runs its project's build:
   * {@code mvn … verify …} becomes {@code mvn … -pl examples test -Pexamples …}, with the arguments
   * of this build's Maven (its local repository).
   */
  private static String mavenAsTheExampleSuite() {
    return "mvn() { local a=(); for x in \"$@\"; do [ \"$x\" = verify ] || a+=(\"$x\"); done;"
        + " command mvn \"${a[@]}\" "
        + mavenArgs()
        + " -pl examples test -Pexamples; }\n";
  }

  private static String mavenArgs() {
    return System.getProperty("ciExamples.mavenArgs", "").trim();
  }

  /** {@code mvn -B -pl examples test -Pexamples} with {@code env} and {@code extra} arguments. */
  private void exampleSuite(String name, Map<String, String> env, List<String> extra)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("mvn", "-B"));
    if (!mavenArgs().isEmpty()) {
      cmd.addAll(Arrays.asList(mavenArgs().split("\\s+")));
    }
    cmd.addAll(List.of("-pl", "examples", "test", "-Pexamples"));
    cmd.addAll(extra);
    run(name, cmd, env, SUITE_TIMEOUT);
  }

  private void bash(String name, String script, Map<String, String> env, Duration timeout)
      throws Exception {
    run(name, List.of("bash", "-euo", "pipefail", "-c", script), env, timeout);
  }

  /** Runs {@code cmd} in the project's root with only {@code env} of testlanes' variables. */
  private void run(String name, List<String> cmd, Map<String, String> env, Duration timeout)
      throws Exception {
    Path log = work.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("TESTLANES_") || k.startsWith("CIRCLE_"));
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(log);
    System.out.printf(
        "%s: %s in %.1f s%n%s%n",
        name,
        ended ? "exit " + p.exitValue() : "timed out",
        (System.nanoTime() - t0) / 1e9,
        out.lines()
            .filter(
                l ->
                    l.startsWith("[testlanes]")
                        || (l.contains("Tests run:") && !l.contains(" -- in ")))
            .map(l -> "  " + l)
            .collect(Collectors.joining("\n")));
    assertThat(ended && p.exitValue() == 0)
        .as("%s passes; the end of its output:%n%s", name, tail(out, 60))
        .isTrue();
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** The example suite's test classes, as Surefire finds them. */
  private static Set<String> exampleSuiteClasses() throws IOException {
    Path src = ROOT.resolve("examples/src/test/java");
    try (Stream<Path> files = Files.walk(src)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("Test.java"))
          .map(f -> src.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /**
   * Debian's Postgres 15 as the postgres image runs it: initdb with the image's user and password
   * (scram-sha-256), then the server with {@code args}, data on tmpfs when the file mounts one.
   * Returns the port.
   */
  private int startPostgres(Map<String, String> imageEnv, List<String> args, boolean tmpfs)
      throws Exception {
    Path data =
        tmpfs
            ? Path.of("/dev/shm", "testlanes-ci-examples-" + UUID.randomUUID())
            : work.resolve("pgdata-" + UUID.randomUUID());
    Files.createDirectories(data);
    Path pwfile = work.resolve("pwfile-" + UUID.randomUUID());
    // The image's defaults: user postgres; a password is required.
    String user = imageEnv.getOrDefault("POSTGRES_USER", "postgres");
    assertThat(imageEnv).containsKey("POSTGRES_PASSWORD");
    Files.writeString(pwfile, imageEnv.get("POSTGRES_PASSWORD") + "\n");
    if (ROOT_USER) {
      exec(List.of("chown", "postgres:postgres", data.toString(), pwfile.toString()));
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    exec(
        asPostgres(
            PG_BIN.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            user,
            "--pwfile=" + pwfile,
            "--auth=scram-sha-256"));
    int port = freePort();
    List<String> options =
        new ArrayList<>(
            List.of(
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=" + data));
    options.addAll(args);
    exec(
        asPostgres(
            PG_BIN.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            data.resolve("server.log").toString(),
            "-w",
            "start",
            "-o",
            String.join(" ", options)));
    started.push(
        () -> {
          exec(
              asPostgres(
                  PG_BIN.resolve("pg_ctl").toString(),
                  "-D",
                  data.toString(),
                  "-m",
                  "fast",
                  "-w",
                  "stop"));
          deleteTree(data);
        });
    return port;
  }

  private static List<String> asPostgres(String... cmd) {
    List<String> out = new ArrayList<>();
    if (ROOT_USER) {
      out.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    }
    out.addAll(List.of(cmd));
    return out;
  }

  /** Debian's redis-server as the redis image runs it, with {@code args}; returns the port. */
  private int startRedis(List<String> args) throws Exception {
    int port = freePort();
    Path dir = Files.createDirectories(work.resolve("redis-" + port));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString()));
    cmd.addAll(args);
    Process redis =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    started.push(
        () -> {
          redis.destroy();
          if (!redis.waitFor(20, TimeUnit.SECONDS)) {
            redis.destroyForcibly().waitFor();
          }
        });
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!pong(port)) {
      assertThat(redis.isAlive())
          .as("redis-server runs: %s", Files.readString(dir.resolve("redis.log")))
          .isTrue();
      assertThat(System.nanoTime())
          .as("redis-server answers PING within 30 s")
          .isLessThan(deadline);
      Thread.sleep(20);
    }
    return port;
  }

  private static boolean pong(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] answer = new byte[7];
      int n = in.readNBytes(answer, 0, 7);
      return new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A Cassandra started through testlanes: where the files say {@code localhost:9042}, and the
   * credentials that testlanes' Cassandra requires (the files' stock containers have none), which
   * the test adds to the files' environment.
   */
  private record Cassandra(String address, Map<String, String> credentials) {}

  /** Cassandra through testlanes (ci/external/cassandra-up.sh). */
  private Cassandra startCassandra() throws Exception {
    Path state = dir("cassandra-" + UUID.randomUUID());
    exec(
        List.of("bash", ROOT.resolve("ci/external/cassandra-up.sh").toString(), state.toString()),
        work.resolve("cassandra-up.out"));
    started.push(
        () ->
            exec(
                List.of(
                    "bash",
                    ROOT.resolve("ci/external/cassandra-down.sh").toString(),
                    state.toString())));
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : Files.readAllLines(state.resolve("cassandra.env"))) {
      Matcher v = Pattern.compile("(\\w+)='?([^']*)'?").matcher(line.trim());
      if (v.matches()) {
        vars.put(v.group(1), v.group(2));
      }
    }
    Matcher m = Pattern.compile("(.+):(\\d+)").matcher(vars.getOrDefault("cassandra_point", ""));
    assertThat(m.matches()).as("an endpoint in %s", vars).isTrue();
    return new Cassandra(
        "localhost:" + m.group(2),
        Map.of(
            "TESTLANES_CASSANDRA_USER", vars.getOrDefault("cassandra_user", ""),
            "TESTLANES_CASSANDRA_PASSWORD", vars.getOrDefault("cassandra_password", "")));
  }

  private void exec(List<String> cmd) throws Exception {
    exec(cmd, work.resolve("exec.log"));
  }

  private static void exec(List<String> cmd, Path log) throws Exception {
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    assertThat(ended && p.exitValue() == 0)
        .as("%s succeeds: %s", String.join(" ", cmd), Files.readString(log))
        .isTrue();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}

package io.testlanes.benchmarks;

import io.testlanes.benchmarks.ScenarioRunner.Launch;
import io.testlanes.benchmarks.ScenarioRunner.Scenario;
import io.testlanes.benchmarks.ScenarioRunner.Suite;
import io.testlanes.config.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Runs every whole-suite scenario and the JMH component benchmarks, and writes {@code <date>.md},
 * {@code <date>.json} and {@code <date>.svg} into the results directory.
 *
 * <p>Options: {@code --out DIR} (default {@code benchmarks/results}), {@code --work DIR}, {@code
 * --before-classes K} (classes run by scenario 1, default 10, 0 = all), {@code --workers 2,3,4,6},
 * {@code --runs N} (each scenario N times, the scenarios alternated round by round, the median
 * reported; default 1), {@code --workers-only} (only the example suite at 1 worker and at each
 * {@code --workers} count, written to {@code <date>-workers.md} and {@code .json}), {@code
 * --no-docker}, {@code --no-jmh}, {@code --disk DIR} (default {@code /var/tmp}); the Spring
 * scenarios ({@link SpringScenarios}, written to {@code <date>-spring.md} and {@code .json}):
 * {@code --spring-only} (only those), {@code --no-spring}, {@code --spring-shop DIR} (the Spring
 * example's build directory, default {@code examples/spring-shop/target}).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("benchmarks/results");
    Path work = Path.of("benchmarks/target/work");
    Path disk = Path.of("/var/tmp");
    int beforeClasses = 10;
    List<Integer> workers = List.of(2, 3, 4, 6);
    boolean docker = true;
    boolean jmh = true;
    boolean spring = true;
    boolean springOnly = false;
    boolean workersOnly = false;
    int runs = 1;
    Path springShop = Path.of("examples/spring-shop/target");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--disk" -> disk = Path.of(args[++i]);
        case "--before-classes" -> beforeClasses = Integer.parseInt(args[++i]);
        case "--workers" ->
            workers = Stream.of(args[++i].split(",")).map(Integer::parseInt).toList();
        case "--no-docker" -> docker = false;
        case "--no-jmh" -> jmh = false;
        case "--no-spring" -> spring = false;
        case "--spring-only" -> springOnly = true;
        case "--workers-only" -> workersOnly = true;
        case "--runs" -> runs = positive("--runs", args[++i]);
        case "--spring-shop" -> springShop = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; expected --out, --work, --disk, --before-classes, --workers, --runs,"
                    + " --workers-only, --no-docker, --no-jmh, --no-spring, --spring-only,"
                    + " --spring-shop");
      }
    }
    work = work.toAbsolutePath().resolve(Long.toString(System.currentTimeMillis()));
    Files.createDirectories(work);
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    String date = LocalDate.now().toString();
    Map<String, String> images = dockerImages();
    if (springOnly) {
      SpringScenarios.runAndWrite(
          new ScenarioRunner(work), springShop, docker, images, out, date, runs);
      System.out.printf("done in %.1f min%n", (System.nanoTime() - t0) / 60e9);
      return;
    }

    List<String> classes = testClasses();
    List<String> subset = subset(classes, beforeClasses);
    double scale = (double) classes.size() / subset.size();
    Path onDisk = disk.resolve("testlanes-benchmarks");
    Files.createDirectories(onDisk);
    String nonce = Long.toString(System.currentTimeMillis() % 100000);
    // One timings file for every scenario, as a project's target/testlanes/timings.json lasts from
    // run to run: the example suite orders its classes longest first from the recorded times.
    Path timings = work.resolve("example-timings.json");
    Map<String, String> base = Map.of(Keys.TIMINGS_FILE, timings.toString());

    Map<String, String> diskFsync =
        with(with(base, Keys.DATA_DIR, onDisk.toString()), Keys.POSTGRES_FSYNC, "true");
    List<Scenario> scenarios = new ArrayList<>();
    List<List<Launch>> perClass = new ArrayList<>();
    for (int i = 0; i < subset.size(); i++) {
      perClass.add(
          List.of(
              new Launch(
                  "bench-s1-" + nonce + "-" + i,
                  with(diskFsync, Keys.WORKERS, "1"),
                  List.of(subset.get(i)))));
    }
    if (!workersOnly) {
      scenarios.add(
          new Scenario(
              "s1-before",
              "1 before: services per class, disk+fsync, 1 worker",
              "a cold JVM per test class (Gradle forkEvery=1 / Testcontainers @Container per class),"
                  + " each starting and stopping Postgres (data on disk, fsync on), Redis and"
                  + " Cassandra; "
                  + subset.size()
                  + " of "
                  + classes.size()
                  + " classes run, times scaled by "
                  + String.format(java.util.Locale.ROOT, "%.2f", scale),
              Suite.example(),
              perClass,
              scale,
              true,
              Map.of()));
      scenarios.add(
          Scenario.single(
              "s2-once-disk",
              "2 services once per run, disk+fsync",
              "one JVM, services once, Postgres on disk with fsync on, 1 worker",
              Suite.example(),
              "bench-s2-" + nonce,
              with(diskFsync, Keys.WORKERS, "1"),
              Map.of()));
    }
    scenarios.add(
        Scenario.single(
            "s3-once-tmpfs",
            "3 + Postgres on tmpfs, fsync off",
            "one JVM, services once, Postgres on tmpfs with fsync off, 1 worker",
            Suite.example(),
            "bench-s3-" + nonce,
            with(base, Keys.WORKERS, "1"),
            Map.of()));
    for (int n : workers) {
      scenarios.add(
          Scenario.single(
              "s4-lanes-" + n,
              "4 + " + n + " workers with lanes",
              "one JVM, services once, tmpfs, " + n + " workers, a lane each",
              Suite.example(),
              "bench-s4-" + n + "-" + nonce,
              with(base, Keys.WORKERS, Integer.toString(n)),
              Map.of()));
    }
    ScenarioRunner runner = new ScenarioRunner(work);
    List<ScenarioResult> results = new ArrayList<>(runRounds(runner, scenarios, runs));
    int bestN = workers.get(0);
    double bestWall = Double.MAX_VALUE;
    for (int n : workers) {
      double w = Ratios.byId(results, "s4-lanes-" + n).wallS();
      if (w < bestWall) {
        bestWall = w;
        bestN = n;
      }
    }
    if (docker && !workersOnly) {
      Map<String, String> env = DOCKER_ENV;
      List<Scenario> dockerScenarios = new ArrayList<>();
      dockerScenarios.add(
          Scenario.single(
              "s5-docker-" + bestN,
              "5 Docker backend, " + bestN + " workers",
              "as s4 with " + bestN + " workers, services in Docker containers (tmpfs, fsync off)",
              Suite.example(),
              "bench-s5-" + nonce,
              with(images, Keys.WORKERS, Integer.toString(bestN)),
              env));
      List<Launch> forks = new ArrayList<>();
      for (int f = 1; f <= bestN; f++) {
        Map<String, String> p = new LinkedHashMap<>(images);
        p.put(Keys.WORKERS, "1");
        p.put(Keys.SHARD, f + "/" + bestN);
        p.put(Keys.TIMINGS_FILE, timings.toString());
        forks.add(new Launch("bench-s6-" + nonce + "-fork" + f, p, List.of()));
      }
      dockerScenarios.add(
          new Scenario(
              "s6-forks-" + bestN,
              "6 usual Java: " + bestN + " forks, containers each",
              bestN
                  + " JVMs at once (Surefire forkCount="
                  + bestN
                  + "), each starting its own Postgres, Redis and Cassandra containers and"
                  + " using its own database (run id per fork, 1 worker per fork); classes"
                  + " split by the recorded timings",
              Suite.example(),
              List.of(forks),
              1,
              false,
              env));
      results.addAll(runRounds(runner, dockerScenarios, runs));
    }
    if (spring && !workersOnly) {
      SpringScenarios.runAndWrite(runner, springShop, docker, images, out, date, runs);
    }
    double suiteMinutes = (System.nanoTime() - t0) / 60e9;
    System.out.printf("whole-suite scenarios took %.1f min%n", suiteMinutes);

    List<Micro.Row> micro = List.of();
    if (jmh && !workersOnly) {
      micro = Micro.run(work.resolve("jmh.json"));
    }
    String name = workersOnly ? date + "-workers" : date;
    Report.write(
        out, name, new Report.Run(date, runs, classes.size(), subset, scale, work), results, micro);
    System.out.printf(
        "done in %.1f min: %s%n", (System.nanoTime() - t0) / 60e9, out.resolve(name + ".md"));
  }

  /** What Testcontainers needs on this machine (no registry; it looks like a container). */
  static final Map<String, String> DOCKER_ENV =
      Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

  /** The docker backend's settings: its images, locally built ({@code ci/images/build-all.sh}). */
  private static Map<String, String> dockerImages() {
    Map<String, String> images = new LinkedHashMap<>();
    images.put(Keys.BACKEND, "docker");
    images.put(
        Keys.DOCKER_POSTGRES_IMAGE,
        System.getProperty("bench.postgresImage", "testlanes/postgres:15"));
    images.put(
        Keys.DOCKER_REDIS_IMAGE, System.getProperty("bench.redisImage", "testlanes/redis:7"));
    images.put(
        Keys.DOCKER_CASSANDRA_IMAGE,
        System.getProperty("bench.cassandraImage", "testlanes/cassandra:5.0"));
    return images;
  }

  /**
   * Runs each of {@code scenarios} {@code runs} times, round by round (every scenario once, then
   * again), so that a change in the machine's load over time falls on all of them alike; the median
   * of each, in the order given.
   */
  static List<ScenarioResult> runRounds(ScenarioRunner runner, List<Scenario> scenarios, int runs)
      throws IOException, InterruptedException {
    Map<String, List<ScenarioResult>> byId = new LinkedHashMap<>();
    for (int round = 1; round <= runs; round++) {
      for (Scenario s : scenarios) {
        System.out.println("scenario " + s.id() + " run " + round + "/" + runs + ": " + s.setup());
        ScenarioResult r = runner.run(s, round);
        System.out.printf(
            "scenario %s run %d/%d: %.1f s%s%n",
            s.id(), round, runs, r.wallS(), r.passed() ? "" : " (tests FAILED)");
        byId.computeIfAbsent(s.id(), id -> new ArrayList<>()).add(r);
      }
    }
    List<ScenarioResult> medians = new ArrayList<>();
    for (List<ScenarioResult> rs : byId.values()) {
      medians.add(ScenarioResult.median(rs));
    }
    return medians;
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " expects a whole number >= 1, got '" + value + "'", e);
    }
    throw new IllegalArgumentException(option + " expects a whole number >= 1, got " + value);
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(base);
    m.put(key, value);
    return m;
  }

  /** Every k-th class so that the subset spreads over the packages; all when k is 0 or too big. */
  static List<String> subset(List<String> classes, int k) {
    if (k <= 0 || k >= classes.size()) {
      return classes;
    }
    List<String> s = new ArrayList<>();
    double step = (double) classes.size() / k;
    for (int i = 0; i < k; i++) {
      s.add(classes.get((int) Math.floor(i * step)));
    }
    return s;
  }

  /** The example test classes ({@code *Test}) on the classpath, sorted by name. */
  static List<String> testClasses() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    String prefix = SuiteMain.PACKAGE.replace('.', '/') + "/";
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.endsWith("-tests.jar") && Files.isRegularFile(p)) {
        try (JarFile jar = new JarFile(p.toFile())) {
          Enumeration<JarEntry> e = jar.entries();
          while (e.hasMoreElements()) {
            String n = e.nextElement().getName();
            if (n.startsWith(prefix) && n.endsWith("Test.class") && !n.contains("$")) {
              names.add(n.substring(0, n.length() - 6).replace('/', '.'));
            }
          }
        }
      } else if (Files.isDirectory(p.resolve(prefix))) {
        try (Stream<Path> files = Files.walk(p.resolve(prefix))) {
          files
              .map(f -> p.relativize(f).toString())
              .filter(n -> n.endsWith("Test.class") && !n.contains("$"))
              .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
        }
      }
    }
    if (names.isEmpty()) {
      throw new IllegalStateException(
          "found no example test classes on the classpath (expected the testlanes-examples test"
              + " jar). Fix: run benchmarks/run.sh, which builds it");
    }
    return new ArrayList<>(names);
  }
}

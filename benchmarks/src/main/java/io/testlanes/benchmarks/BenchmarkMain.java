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
 * {@code --no-docker}, {@code --no-jmh}, {@code --disk DIR} (default {@code /var/tmp}); the Spring
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
        case "--spring-shop" -> springShop = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; expected --out, --work, --disk, --before-classes, --workers, --no-docker,"
                    + " --no-jmh, --no-spring, --spring-only, --spring-shop");
      }
    }
    work = work.toAbsolutePath().resolve(Long.toString(System.currentTimeMillis()));
    Files.createDirectories(work);
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    String date = LocalDate.now().toString();
    Map<String, String> images = dockerImages();
    if (springOnly) {
      SpringScenarios.runAndWrite(new ScenarioRunner(work), springShop, docker, images, out, date);
      System.out.printf("done in %.1f min%n", (System.nanoTime() - t0) / 60e9);
      return;
    }

    List<String> classes = testClasses();
    List<String> subset = subset(classes, beforeClasses);
    double scale = (double) classes.size() / subset.size();
    Path onDisk = disk.resolve("testlanes-benchmarks");
    Files.createDirectories(onDisk);
    String nonce = Long.toString(System.currentTimeMillis() % 100000);

    Map<String, String> diskFsync =
        Map.of(Keys.DATA_DIR, onDisk.toString(), Keys.POSTGRES_FSYNC, "true");
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
    scenarios.add(
        Scenario.single(
            "s3-once-tmpfs",
            "3 + Postgres on tmpfs, fsync off",
            "one JVM, services once, Postgres on tmpfs with fsync off, 1 worker",
            Suite.example(),
            "bench-s3-" + nonce,
            Map.of(Keys.WORKERS, "1"),
            Map.of()));
    for (int n : workers) {
      scenarios.add(
          Scenario.single(
              "s4-lanes-" + n,
              "4 + " + n + " workers with lanes",
              "one JVM, services once, tmpfs, " + n + " workers, a lane each",
              Suite.example(),
              "bench-s4-" + n + "-" + nonce,
              Map.of(Keys.WORKERS, Integer.toString(n)),
              Map.of()));
    }
    ScenarioRunner runner = new ScenarioRunner(work);
    List<ScenarioResult> results = new ArrayList<>();
    for (Scenario s : scenarios) {
      results.add(runOne(runner, s));
    }
    int bestN = workers.get(0);
    double bestWall = Double.MAX_VALUE;
    for (int n : workers) {
      double w = Ratios.byId(results, "s4-lanes-" + n).wallS();
      if (w < bestWall) {
        bestWall = w;
        bestN = n;
      }
    }
    if (docker) {
      Map<String, String> env = DOCKER_ENV;
      results.add(
          runOne(
              runner,
              Scenario.single(
                  "s5-docker-" + bestN,
                  "5 Docker backend, " + bestN + " workers",
                  "as s4 with "
                      + bestN
                      + " workers, services in Docker containers (tmpfs, fsync off)",
                  Suite.example(),
                  "bench-s5-" + nonce,
                  with(images, Keys.WORKERS, Integer.toString(bestN)),
                  env)));
      List<Launch> forks = new ArrayList<>();
      Path timings = work.resolve("s3-once-tmpfs").resolve("report-1-1").resolve("timings.json");
      for (int f = 1; f <= bestN; f++) {
        Map<String, String> p = new LinkedHashMap<>(images);
        p.put(Keys.WORKERS, "1");
        p.put(Keys.SHARD, f + "/" + bestN);
        if (Files.exists(timings)) {
          p.put(Keys.TIMINGS_FILE, timings.toString());
        }
        forks.add(new Launch("bench-s6-" + nonce + "-fork" + f, p, List.of()));
      }
      results.add(
          runOne(
              runner,
              new Scenario(
                  "s6-forks-" + bestN,
                  "6 usual Java: " + bestN + " forks, containers each",
                  bestN
                      + " JVMs at once (Surefire forkCount="
                      + bestN
                      + "), each starting its own Postgres, Redis and Cassandra containers and"
                      + " using its own database (run id per fork, 1 worker per fork); classes"
                      + " split by the timings of s3",
                  Suite.example(),
                  List.of(forks),
                  1,
                  false,
                  env)));
    }
    if (spring) {
      SpringScenarios.runAndWrite(runner, springShop, docker, images, out, date);
    }
    double suiteMinutes = (System.nanoTime() - t0) / 60e9;
    System.out.printf("whole-suite scenarios took %.1f min%n", suiteMinutes);

    List<Micro.Row> micro = List.of();
    if (jmh) {
      micro = Micro.run(work.resolve("jmh.json"));
    }
    Report.write(out, date, results, micro, bestN, classes.size(), subset, scale, work);
    System.out.printf(
        "done in %.1f min: %s%n", (System.nanoTime() - t0) / 60e9, out.resolve(date + ".md"));
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

  static ScenarioResult runOne(ScenarioRunner runner, Scenario s)
      throws IOException, InterruptedException {
    System.out.println("scenario " + s.id() + ": " + s.setup());
    ScenarioResult r = runner.run(s);
    System.out.printf(
        "scenario %s: %.1f s%s%n", s.id(), r.wallS(), r.passed() ? "" : " (tests FAILED)");
    return r;
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

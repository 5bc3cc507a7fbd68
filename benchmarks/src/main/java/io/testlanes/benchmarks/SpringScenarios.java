package io.testlanes.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.testlanes.benchmarks.ScenarioRunner.Scenario;
import io.testlanes.benchmarks.ScenarioRunner.Suite;
import io.testlanes.config.Keys;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Spring scenarios: the Spring example suite ({@code examples/spring-shop}, Spring Boot 4.0)
 * with testlanes at 1 and 4 workers, and the usual Spring alternative in the same invocation:
 * Testcontainers singletons wired by {@code @ServiceConnection}, one worker (the suite built with
 * {@code -Dtestcontainers}). For each: wall time and the application contexts Spring created.
 * Writes {@code <date>-spring.md} and {@code <date>-spring.json}.
 */
final class SpringScenarios {
  static final String PACKAGE = "io.testlanes.examples.springshop";

  /** The Testcontainers variant's build directory, relative to the Spring example's. */
  private static final String TESTCONTAINERS = "testcontainers";

  /** Spring's context cache logs this at debug level after each context lookup. */
  private static final String CACHE_LOGGER = "org.springframework.test.context.cache";

  private static final Pattern MISSES =
      Pattern.compile("ApplicationContext cache statistics: .*missCount = (\\d+)");

  /**
   * One scenario's figures.
   *
   * @param contextsCreated contexts Spring loaded (its cache's misses), -1 when it did not say
   * @param contextsInReport contexts the testlanes run report counts as created, -1 without one
   */
  record Row(ScenarioResult run, int contextsCreated, int contextsInReport) {}

  private SpringScenarios() {}

  /**
   * Runs the scenarios ({@code docker}: with the Testcontainers one, on the docker backend's {@code
   * images}) and writes the results into {@code out}.
   */
  static List<Row> runAndWrite(
      ScenarioRunner runner,
      Path springShop,
      boolean docker,
      Map<String, String> images,
      Path out,
      String date,
      int runs)
      throws IOException, InterruptedException {
    String nonce = Long.toString(System.currentTimeMillis() % 100000);
    List<Scenario> scenarios = new ArrayList<>();
    if (docker) {
      Map<String, String> props = new LinkedHashMap<>();
      props.put("junit.jupiter.execution.parallel.enabled", "false");
      props.put("springshop.postgresImage", image(images, Keys.DOCKER_POSTGRES_IMAGE));
      props.put("springshop.redisImage", image(images, Keys.DOCKER_REDIS_IMAGE));
      props.put("springshop.cassandraImage", image(images, Keys.DOCKER_CASSANDRA_IMAGE));
      scenarios.add(
          Scenario.single(
              "sp-testcontainers-1",
              "Spring, usual: Testcontainers singletons, 1 worker",
              "Testcontainers + @ServiceConnection singleton containers (Postgres on tmpfs with"
                  + " fsync off, Redis, Cassandra; started once per JVM, all three at once), every"
                  + " context on them, test classes one after another, tables, Redis db and"
                  + " Cassandra table emptied before each test",
              suite(springShop.resolve(TESTCONTAINERS)),
              "bench-sp-tc-" + nonce,
              withCacheStatistics(props),
              BenchmarkMain.DOCKER_ENV));
    }
    for (int n : List.of(1, 4)) {
      scenarios.add(
          Scenario.single(
              "sp-lanes-" + n,
              "Spring, testlanes: " + n + (n == 1 ? " worker" : " workers"),
              "testlanes-spring, embedded services once per run, "
                  + n
                  + (n == 1 ? " lane" : " lanes")
                  + ", each class's context on its class's lane, contexts keyed by lane",
              suite(springShop),
              "bench-sp-lanes-" + n + "-" + nonce,
              withCacheStatistics(Map.of(Keys.WORKERS, Integer.toString(n))),
              Map.of()));
    }
    List<ScenarioResult> medians = BenchmarkMain.runRounds(runner, scenarios, runs);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      ScenarioResult r = medians.get(i);
      // The same in every run: the first run's count.
      Path dir = runner.dir(s, 1);
      Row row = new Row(r, contextsCreated(dir), contextsInReport(dir));
      System.out.printf(
          "scenario %s: %d application contexts created%s%n",
          s.id(),
          row.contextsCreated(),
          row.contextsInReport() < 0 ? "" : " (testlanes' report: " + row.contextsInReport() + ")");
      rows.add(row);
    }
    write(out, date, rows, runs);
    return rows;
  }

  private static String image(Map<String, String> images, String key) {
    String image = images.get(key);
    if (image == null) {
      throw new IllegalArgumentException("no " + key + " among the docker settings " + images);
    }
    return image;
  }

  /** {@code properties} and Spring's logger of its context cache at debug level. */
  private static Map<String, String> withCacheStatistics(Map<String, String> properties) {
    Map<String, String> props = new LinkedHashMap<>(properties);
    props.put("logging.level." + CACHE_LOGGER, "debug");
    return props;
  }

  /**
   * The Spring example's build in {@code dir} as a suite: its test classes, classes and test class
   * path (written by its build), and {@link SuiteMain}'s jar.
   */
  static Suite suite(Path dir) throws IOException {
    Path classpathFile = dir.resolve("test-classpath.txt");
    if (!Files.isRegularFile(classpathFile) || !Files.isDirectory(dir.resolve("test-classes"))) {
      throw new IllegalStateException(
          "no build of the Spring example in "
              + dir.toAbsolutePath()
              + " (expected test-classes and test-classpath.txt). Fix: mvn -pl"
              + " examples/spring-shop -am package -DskipTests"
              + (dir.getFileName().toString().equals(TESTCONTAINERS) ? " -Dtestcontainers" : "")
              + ", or run benchmarks/run.sh, which builds it");
    }
    String classpath =
        String.join(
            File.pathSeparator,
            dir.resolve("test-classes").toAbsolutePath().toString(),
            dir.resolve("classes").toAbsolutePath().toString(),
            Files.readString(classpathFile).trim(),
            harness().toString());
    return new Suite(PACKAGE, classpath, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"));
  }

  /** Where {@link SuiteMain} was loaded from: this harness's jar or classes. */
  private static Path harness() {
    try {
      return Path.of(SuiteMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where the benchmark harness was loaded from", e);
    }
  }

  /** The misses of Spring's context cache, summed over the scenario's JVMs; -1 if none said. */
  static int contextsCreated(Path scenarioDir) throws IOException {
    int total = -1;
    try (DirectoryStream<Path> logs = Files.newDirectoryStream(scenarioDir, "jvm-*.log")) {
      for (Path log : logs) {
        int last = -1;
        try (Stream<String> lines = Files.lines(log)) {
          for (String line : (Iterable<String>) lines::iterator) {
            Matcher m = MISSES.matcher(line);
            if (m.find()) {
              last = Math.max(last, Integer.parseInt(m.group(1)));
            }
          }
        }
        if (last >= 0) {
          total = Math.max(total, 0) + last;
        }
      }
    }
    return total;
  }

  /** The contexts testlanes' report parts count as created; -1 when there are no parts. */
  static int contextsInReport(Path scenarioDir) throws IOException {
    List<Path> reports = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(scenarioDir, "report-*")) {
      dirs.forEach(reports::add);
    }
    int total = -1;
    for (JsonNode part : ScenarioRunner.parts(reports)) {
      JsonNode contexts = part.path("contexts");
      if (contexts.isEmpty()) {
        continue;
      }
      total = Math.max(total, 0);
      for (JsonNode c : contexts) {
        total += c.path("created").asBoolean() ? 1 : 0;
      }
    }
    return total;
  }

  private static void write(Path out, String date, List<Row> rows, int runs) throws IOException {
    Row base = rows.get(0);
    List<Map<String, Object>> json = new ArrayList<>();
    StringBuilder md = new StringBuilder();
    md.append("# Spring benchmark results ").append(date).append("\n\n");
    md.append(
        "The Spring example suite (`examples/spring-shop`: 24 test classes, 42 tests, Spring Boot"
            + " 4.0, on Postgres, Redis and Cassandra) run three ways in one invocation, each in a"
            + " cold child JVM through the JUnit Platform launcher. "
            + (runs == 1
                ? "One run each."
                : "Each scenario ran "
                    + runs
                    + " times, alternated round by round; each row is the run with the median"
                    + " wall time.")
            + "\n\n");
    md.append(
        "| scenario | wall s | runs min–max s | × vs "
            + base.run().id()
            + " | application contexts created | services ready s | CPU test JVM s | CPU"
            + " services s | of which Cassandra s | peak RSS test JVM MB | peak RSS services MB |"
            + " passed |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      ScenarioResult r = row.run();
      double ratio = Ratios.ratio(base.run().wallS(), r.wallS());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %s | %.2f | %s | %s | %.1f | %.1f | %.1f | %d | %d | %s |%n",
              r.title(),
              r.wallS(),
              r.runs().size() < 2
                  ? "–"
                  : String.format(Locale.ROOT, "%.1f–%.1f", r.minWallS(), r.maxWallS()),
              ratio,
              contexts(row),
              // Only testlanes reports when its services were ready; containers start in the JVM.
              r.servicesReadyS() > 0 ? String.format(Locale.ROOT, "%.1f", r.servicesReadyS()) : "–",
              r.cpu().testJvms(),
              r.cpu().services(),
              r.cpu().cassandra(),
              r.peakTestJvmsRssMb(),
              r.peakServicesRssMb(),
              r.passed() ? "yes" : "NO"));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("title", r.title());
      m.put("setup", r.setup());
      m.put("wallS", Report.round(r.wallS(), 1));
      m.put("wallsS", r.runs().stream().map(w -> Report.round(w.wallS(), 1)).toList());
      m.put("ratioToFirst", Report.round(ratio, 2));
      m.put("contextsCreated", row.contextsCreated());
      m.put("contextsInTestlanesReport", row.contextsInReport());
      m.put("servicesReadyS", Report.round(r.servicesReadyS(), 1));
      m.put("cpuTestJvmsS", Report.round(r.cpu().testJvms(), 1));
      m.put("cpuServicesS", Report.round(r.cpu().services(), 1));
      m.put("cpuCassandraS", Report.round(r.cpu().cassandra(), 1));
      m.put("peakTestJvmsRssMb", r.peakTestJvmsRssMb());
      m.put("peakServicesRssMb", r.peakServicesRssMb());
      m.put("passed", r.passed());
      json.add(m);
    }
    md.append("\nWhat each scenario is:\n\n");
    for (Row row : rows) {
      md.append("- `").append(row.run().id()).append("`: ").append(row.run().setup()).append(".\n");
    }
    md.append(
        "\nHow it was measured: wall from launching the test JVM to its exit (services of the"
            + " testlanes runs stop after it, not counted; the Testcontainers containers stop with"
            + " the JVM). Application contexts created: the misses of Spring's test context cache"
            + " (its statistics, logged at debug level by `"
            + CACHE_LOGGER
            + "`), for the testlanes runs also as testlanes' run report counts them. CPU and RSS"
            + " as in the main benchmark (`/proc`, Docker container processes included). JVM"
            + " options `-Xmx768m -XX:TieredStopAtLevel=1` (the example's Surefire heap).\n");
    Files.writeString(out.resolve(date + "-spring.md"), md.toString());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("date", date);
    root.put("suite", "examples/spring-shop");
    root.put("runsPerScenario", runs);
    root.put("scenarios", json);
    Files.writeString(
        out.resolve(date + "-spring.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
            + "\n");
  }

  private static String contexts(Row row) {
    String spring = row.contextsCreated() < 0 ? "?" : Integer.toString(row.contextsCreated());
    if (row.contextsInReport() < 0 || row.contextsInReport() == row.contextsCreated()) {
      return spring;
    }
    return spring + " (testlanes' report: " + row.contextsInReport() + ")";
  }
}

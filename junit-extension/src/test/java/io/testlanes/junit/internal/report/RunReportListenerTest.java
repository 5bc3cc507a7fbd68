package io.testlanes.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.json.Json;
import io.testlanes.junit.TestLanes;
import io.testlanes.run.TestRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;
import redis.clients.jedis.JedisPooled;

/**
 * Runs real fixture classes ({@code *TestCase}, nested, so Surefire does not run them itself)
 * through the launcher and checks what the report listener wrote.
 */
class RunReportListenerTest {
  private static final long PID = ProcessHandle.current().pid();

  @TempDir Path dir;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private TestExecutionSummary run(Map<String, String> parameters, Class<?>... classes) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    TestExecutionListener report =
        new RunReportListener(new PrintStream(console, true, StandardCharsets.UTF_8));
    LauncherDiscoveryRequestBuilder request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(Stream.of(classes).map(DiscoverySelectors::selectClass).toList())
            .configurationParameter(Keys.REPORT_DIR, dir.toString());
    parameters.forEach(request::configurationParameter);
    LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(summary, report)
                .build())
        .execute(request.build());
    return summary.getSummary();
  }

  private String consoleText() {
    return console.toString(StandardCharsets.UTF_8);
  }

  /** The timeline data embedded in {@code report.html}. */
  static Map<String, ?> pageData(Path reportHtml) throws IOException {
    String html = Files.readString(reportHtml);
    String open = "<script type=\"application/json\" id=\"testlanes-data\">";
    int start = html.indexOf(open) + open.length();
    return Json.parseObject(html.substring(start, html.indexOf("</script>", start)));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, ?>> list(@Nullable Object o) {
    return (List<Map<String, ?>>) Objects.requireNonNull(o);
  }

  @SuppressWarnings("unchecked")
  static Map<String, ?> map(@Nullable Object o) {
    return (Map<String, ?>) Objects.requireNonNull(o);
  }

  static String str(Map<String, ?> m, String key) {
    return String.valueOf(m.get(key));
  }

  static long num(Map<String, ?> m, String key) {
    return ((Number) Objects.requireNonNull(m.get(key), key)).longValue();
  }

  /** Row label to the class names of its bars, in order. */
  static Map<String, List<String>> barsByRow(Map<String, ?> data) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map<String, ?> row : list(data.get("rows"))) {
      List<String> names = new ArrayList<>();
      for (Map<String, ?> bar : list(row.get("bars"))) {
        names.add(simple(str(bar, "name")));
      }
      out.put(str(row, "label"), names);
    }
    return out;
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('$') + 1);
  }

  @Test
  void recordsLanesOutcomesAndSetupPhasesAndWritesSummaryPageAndTimings() throws Exception {
    TestExecutionSummary summary =
        run(
            Map.of(),
            FastTestCase.class,
            SlowTestCase.class,
            FailingTestCase.class,
            NoLaneTestCase.class,
            DisabledTestCase.class,
            SplitLanesTestCase.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(7);
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getTestsSkippedCount()).isEqualTo(2);
    assertThat(summary.getContainersSkippedCount()).isEqualTo(1);

    List<String> lines = consoleText().lines().toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0))
        .isEqualTo("[testlanes] 6 test classes, 10 tests (7 passed, 1 failed, 2 skipped) in 1 JVM");
    assertThat(lines.get(1))
        .matches(
            "\\[testlanes] wall time \\d+\\.\\d s, test time \\d+\\.\\d s,"
                + " busy lanes on average \\d+\\.\\d\\d of 2");
    assertThat(lines.get(2))
        .isEqualTo(
            "[testlanes] speedup over 1 worker: none, this run ran one test at a time; its class"
                + " times are now the single-worker baseline");
    assertThat(lines.get(3))
        .matches(
            "\\[testlanes] CPU busy \\d+\\.\\d\\d of \\d+ cores on average \\(\\d+%\\): test JVMs"
                + " \\d+\\.\\d\\d.*");
    assertThat(lines.get(4))
        .isEqualTo("[testlanes] services ready: postgres 0.1 s; lanes prepared: 1, slowest 0.0 s");
    assertThat(lines.get(5))
        .matches("\\[testlanes] lane utilisation: lane_1 \\d+%, lane_2 \\d+% \\(mean \\d+%\\)");
    assertThat(lines.get(6))
        .startsWith("[testlanes] slowest classes: RunReportListenerTest$SlowTestCase 0.");
    assertThat(lines.get(7)).isEqualTo("[testlanes] report: " + dir.resolve("report.html"));

    Map<String, ?> data = pageData(dir.resolve("report.html"));
    assertThat(barsByRow(data))
        .containsExactly(
            Map.entry("lane_1", List.of("FastTestCase", "FailingTestCase", "SplitLanesTestCase")),
            Map.entry("lane_2", List.of("SlowTestCase", "SplitLanesTestCase")),
            Map.entry("no lane, JVM " + PID, List.of("NoLaneTestCase", "DisabledTestCase")));
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Map<String, ?> row : list(data.get("rows"))) {
      for (Map<String, ?> bar : list(row.get("bars"))) {
        outcomes.put(row.get("label") + " " + simple(str(bar, "name")), str(bar, "outcome"));
      }
    }
    assertThat(outcomes)
        .containsEntry("lane_1 FailingTestCase", "failed")
        .containsEntry("lane_1 FastTestCase", "passed")
        .containsEntry("no lane, JVM " + PID + " DisabledTestCase", "skipped");
    Map<String, ?> postgres = list(data.get("setup")).get(0);
    assertThat(postgres.get("name")).isEqualTo("postgres");
    assertThat(num(postgres, "end") - num(postgres, "start")).isEqualTo(120);
    Map<String, ?> lane2 = list(data.get("rows")).get(1);
    Map<String, ?> prepare = list(lane2.get("prepare")).get(0);
    assertThat(num(prepare, "end") - num(prepare, "start")).isEqualTo(40);

    String html = Files.readString(dir.resolve("report.html"));
    // Self-contained: nothing to fetch (the SVG namespace is a name, not a request).
    assertThat(html.replace("'http://www.w3.org/2000/svg'", "''"))
        .doesNotContain("http:", "https:", "<link", "src=", "url(", "@import")
        .contains("<div class=\"value\">10 (7 passed, 1 failed, 2 skipped)</div>");

    Map<String, Long> timings = Timings.read(dir.resolve("timings.json"));
    assertThat(timings.keySet().stream().map(RunReportListenerTest::simple))
        .containsExactlyInAnyOrder(
            "FastTestCase",
            "SlowTestCase",
            "FailingTestCase",
            "NoLaneTestCase",
            "SplitLanesTestCase");
    assertThat(timings.get(SlowTestCase.class.getName())).isGreaterThanOrEqualTo(300);
    assertThat(timings.get(FastTestCase.class.getName())).isGreaterThanOrEqualTo(60);

    try (Stream<Path> parts = Files.list(dir.resolve("parts"))) {
      assertThat(parts.map(p -> p.getFileName().toString()))
          .singleElement()
          .matches(n -> n.startsWith(PID + "-") && n.endsWith(".json"));
    }
  }

  @Test
  void theClassesOfASuiteAreTheTestClassesNotTheSuite() throws Exception {
    TestExecutionSummary summary = run(Map.of(), TwoClassesSuiteTestCase.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
    assertThat(consoleText().lines().findFirst())
        .hasValue("[testlanes] 2 test classes, 3 tests (3 passed, 0 failed, 0 skipped) in 1 JVM");
    assertThat(consoleText()).doesNotContain("TwoClassesSuiteTestCase");
    assertThat(
            Timings.read(dir.resolve("timings.json")).keySet().stream()
                .map(RunReportListenerTest::simple))
        .containsExactlyInAnyOrder("FastTestCase", "SlowTestCase");
  }

  @Test
  void theTimingsFileLocationIsConfigurableAndKeepsClassesThisRunDidNotRun() throws Exception {
    Path timings = dir.resolve("cache/timings.json");
    Timings.write(timings, Map.of("com.example.NotRunHereTest", 1234L));

    run(Map.of(Keys.TIMINGS_FILE, timings.toString()), FastTestCase.class);

    assertThat(Timings.read(timings))
        .containsEntry("com.example.NotRunHereTest", 1234L)
        .containsKey(FastTestCase.class.getName());
    assertThat(dir.resolve("timings.json")).doesNotExist();
  }

  @Test
  void aSerialRunRecordsTheBaselineThatALaterParallelRunsSpeedupIsMeasuredAgainst()
      throws Exception {
    // Two runs (each JVM's test plans are one run): two report directories, one timings file.
    Path timings = dir.resolve("timings.json");
    run(
        Map.of(
            Keys.REPORT_DIR, dir.resolve("serial").toString(),
            Keys.TIMINGS_FILE, timings.toString()),
        SleepyTestCase.class,
        OtherSleepyTestCase.class);
    Baseline baseline = Timings.baseline(timings).orElseThrow();
    assertThat(baseline.classes())
        .containsOnlyKeys(SleepyTestCase.class.getName(), OtherSleepyTestCase.class.getName());
    assertThat(baseline.classes().values()).allMatch(ms -> ms >= 1500);
    console.reset();

    run(
        Map.of(
            Keys.REPORT_DIR,
            dir.resolve("parallel").toString(),
            Keys.TIMINGS_FILE,
            timings.toString(),
            "junit.jupiter.execution.parallel.enabled",
            "true",
            "junit.jupiter.execution.parallel.mode.classes.default",
            "concurrent",
            "junit.jupiter.execution.parallel.config.strategy",
            "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism",
            "2"),
        SleepyTestCase.class,
        OtherSleepyTestCase.class);

    String speedup = consoleText().lines().toList().get(2);
    assertThat(speedup)
        .matches(
            "\\[testlanes] speedup \\d\\.\\d\\dx over 1 worker: these 2 classes took \\d+\\.\\d s with"
                + " 1 worker \\(single-worker times recorded \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)");
    double factor = Double.parseDouble(speedup.replaceAll(".*speedup (\\S+)x.*", "$1"));
    System.out.println("two 1.5 s classes on 2 threads: " + speedup);
    assertThat(factor).as("two sleeping classes at once: well over 1").isGreaterThan(1.3);
  }

  @Test
  void turnedOffItWritesNothing() {
    TestExecutionSummary summary = run(Map.of(Keys.REPORT, "false"), FastTestCase.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(dir).isEmptyDirectory();
    assertThat(consoleText()).isEmpty();
  }

  @Test
  void aBadValueIsAConfigurationErrorNotAWarning() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(FastTestCase.class))
            .configurationParameter(Keys.REPORT_DIR, dir.toString())
            .configurationParameter(Keys.REPORT, "maybe")
            .build();
    TestPlan plan =
        LauncherFactory.create(
                LauncherConfig.builder()
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .build())
            .discover(request);
    RunReportListener listener =
        new RunReportListener(new PrintStream(console, true, StandardCharsets.UTF_8));

    assertThatThrownBy(() -> listener.testPlanExecutionStarted(plan))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Invalid value 'maybe' for testlanes.report (from JUnit configuration parameter"
                + " testlanes.report): expected true or false. Fix: write"
                + " -Dtestlanes.report=false to turn the report off, or remove the key.");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void theLauncherLoadsTheListenerThroughServiceLoader() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(FastTestCase.class))
            .configurationParameter(Keys.REPORT_DIR, dir.toString())
            .build();

    LauncherFactory.create().execute(request);

    assertThat(dir.resolve("report.html")).isRegularFile();
    assertThat(dir.resolve("timings.json")).isRegularFile();
  }

  /**
   * The JVMs of one session of the run's service host make one report: forks at the same time, and
   * a build tool's forks that follow each other; a JVM of a later invocation starts a new one.
   */
  /**
   * A real embedded run on all three stores: the console line splits the service host's CPU into
   * the host and each service, every service used shows CPU time, and the parts add up to the
   * host's whole process tree as {@code /proc} reads it.
   */
  @Test
  void theCpuOfAnEmbeddedRunIsSplitIntoTheHostAndEachService() throws Exception {
    Map<String, String> props =
        Map.of(
            Keys.RUN_ID, "report-cpu-" + UUID.randomUUID(),
            Keys.SERVICES, "postgres,redis,cassandra",
            Keys.WORKERS, "1");
    Settings settings = Settings.load(List.of(ConfigSource.of("test", props)));
    try {
      TestExecutionSummary summary = run(props, AllStoresTestCase.class);
      assertThat(summary.getTotalFailureCount()).isZero();
      assertThat(summary.getTestsSucceededCount()).isEqualTo(1);

      String number = "(\\d+\\.\\d\\d)";
      Matcher line =
          Pattern.compile(
                  "\\[testlanes] CPU busy .*: test JVMs \\d+\\.\\d\\d, services "
                      + number
                      + " \\(host "
                      + number
                      + ", postgres "
                      + number
                      + ", redis "
                      + number
                      + ", cassandra "
                      + number
                      + "\\).*")
              .matcher(consoleText());
      assertThat(line.find()).as("a CPU line with each service in:%n%s", consoleText()).isTrue();
      System.out.println(line.group());
      double parts = 0;
      for (int group = 2; group <= 5; group++) {
        parts += Double.parseDouble(line.group(group));
      }
      assertThat(parts)
          .as("host and services add up to their total, within rounding")
          .isCloseTo(Double.parseDouble(line.group(1)), offset(0.021));

      // The page's data: each service's CPU time in the run, in milliseconds.
      Map<String, ?> cpu = map(pageData(dir.resolve("report.html")).get("cpu"));
      System.out.println("CPU of the run in the report: " + cpu);
      assertThat(str(cpu, "backend")).isEqualTo("embedded");
      assertThat(num(cpu, "serviceHostMs")).isPositive();
      Map<String, ?> services = map(cpu.get("servicesMs"));
      assertThat(services).containsOnlyKeys("postgres", "redis", "cassandra");
      for (String service : services.keySet()) {
        assertThat(num(services, service)).as(service).isPositive();
      }
      assertThat(Files.readString(dir.resolve("report.html")))
          .contains("<p id=\"cpu-line\">CPU busy ")
          .contains(", redis ");

      // The split against the whole tree, read apart while the host lingers after the run.
      long host = CpuUse.hostPid(settings);
      assertThat(host).as("the run's host, alive for its grace period").isPositive();
      ProcCpu.HostTree split = ProcCpu.host(host).orElseThrow();
      long tree =
          ProcCpu.process(host).orElseThrow()
              + ProcessHandle.of(host)
                  .orElseThrow()
                  .descendants()
                  .mapToLong(d -> ProcCpu.process(d.pid()).orElse(0))
                  .sum();
      assertThat(split.serviceMillis()).hasSize(3);
      assertThat((double) split.totalMillis())
          .as("the parts against the tree read a moment later")
          .isCloseTo(tree, offset(100.0));
    } finally {
      TestRun.down(settings, false, Duration.ofSeconds(60));
    }
  }

  @Test
  void forkedJvmsOfOneRunMakeOneReportAndTheNextRunStartsAfresh() throws Exception {
    String runId = "report-forks-" + UUID.randomUUID();
    try {
      // Two JVMs at the same time: one run.
      Process a = fork(runId, LaneSleepyTestCase.class, false);
      Process b = fork(runId, OtherLaneSleepyTestCase.class, false);
      assertExit(a);
      assertExit(b);
      Map<String, ?> data = pageData(dir.resolve("report.html"));
      assertThat(barsByRow(data).values().stream().flatMap(List::stream))
          .containsExactlyInAnyOrder("LaneSleepyTestCase", "OtherLaneSleepyTestCase");
      assertThat(barsByRow(data).keySet()).containsExactlyInAnyOrder("lane_1", "lane_2");
      assertThat(Timings.read(dir.resolve("timings.json")))
          .containsOnlyKeys(
              LaneSleepyTestCase.class.getName(), OtherLaneSleepyTestCase.class.getName());

      // A JVM started later, when no JVM of the run lives: a new run.
      Process c = fork(runId, LaneFastTestCase.class, false);
      assertExit(c);
      assertThat(barsByRow(pageData(dir.resolve("report.html"))))
          .containsOnly(Map.entry("lane_1", List.of("LaneFastTestCase")));
      assertThat(partFiles()).hasSize(1);
      // Timings of the earlier run are kept.
      assertThat(Timings.read(dir.resolve("timings.json")))
          .containsOnlyKeys(
              LaneSleepyTestCase.class.getName(),
              OtherLaneSleepyTestCase.class.getName(),
              LaneFastTestCase.class.getName());

      // A Surefire fork started later by the same build process joins the run (reuseForks=false).
      Process d = fork(runId, LaneLaterTestCase.class, true);
      assertExit(d);
      assertThat(
              barsByRow(pageData(dir.resolve("report.html"))).values().stream()
                  .flatMap(List::stream))
          .containsExactlyInAnyOrder("LaneFastTestCase", "LaneLaterTestCase");
      assertThat(partFiles()).hasSize(2);
    } finally {
      TestRun.down(
          Settings.load(List.of(ConfigSource.of("test", Map.of(Keys.RUN_ID, runId)))),
          false,
          Duration.ofSeconds(60));
    }
  }

  private List<Path> partFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("parts"))) {
      return s.filter(p -> p.toString().endsWith(".json")).toList();
    }
  }

  /** A JVM of run {@code runId} that runs {@code fixture} with Redis, as a build tool's fork. */
  private Process fork(String runId, Class<?> fixture, boolean asSurefireFork) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx64m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-D" + Keys.RUN_ID + "=" + runId);
    cmd.add("-D" + Keys.SERVICES + "=redis");
    cmd.add("-D" + Keys.WORKERS + "=1");
    String cache = System.getProperty(Keys.CACHE_DIR);
    if (cache != null) {
      cmd.add("-D" + Keys.CACHE_DIR + "=" + cache);
    }
    if (asSurefireFork) {
      cmd.add("-Dsurefire.real.class.path=" + System.getProperty("java.class.path"));
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ForkMain.class.getName());
    cmd.add(dir.toString());
    cmd.add(fixture.getName());
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("fork-" + fixture.getSimpleName() + ".log").toFile())
        .start();
  }

  private void assertExit(Process p) throws Exception {
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("forked JVM did not finish in 60 s");
    }
    assertThat(p.exitValue()).as("exit code of the forked JVM").isZero();
  }

  /** A suite, as a Surefire fork runs one: its classes are the test classes. */
  @Suite
  @SelectClasses({FastTestCase.class, SlowTestCase.class})
  static class TwoClassesSuiteTestCase {}

  static class FastTestCase {
    @BeforeAll
    static void lane(TestReporter reporter) {
      reporter.publishEntry(ReportEntries.LANE, "lane_1");
    }

    @Test
    void one() throws InterruptedException {
      Thread.sleep(30);
    }

    @Test
    void two() throws InterruptedException {
      Thread.sleep(30);
    }
  }

  static class SlowTestCase {
    @BeforeAll
    static void setUp(TestReporter reporter) {
      reporter.publishEntry(
          Map.of(
              ReportEntries.serviceReadyMillis("postgres"), "120",
              ReportEntries.lanePrepareMillis("lane_2"), "40"));
      reporter.publishEntry(ReportEntries.LANE, "lane_2");
    }

    @Test
    void slow() throws InterruptedException {
      Thread.sleep(300);
    }
  }

  static class FailingTestCase {
    @Test
    void passes(TestReporter reporter) {
      reporter.publishEntry(ReportEntries.LANE, "lane_1");
    }

    @Test
    void fails(TestReporter reporter) {
      reporter.publishEntry(ReportEntries.LANE, "lane_1");
      fail("this fixture fails on purpose");
    }
  }

  static class NoLaneTestCase {
    @Test
    void runs() {}

    @Disabled("a fixture's skipped test")
    @Test
    void skipped() {}
  }

  @Disabled("a fixture's skipped class")
  static class DisabledTestCase {
    @Test
    void never() {}
  }

  static class SplitLanesTestCase {
    @Test
    void inLaneOne(TestReporter reporter) {
      reporter.publishEntry(ReportEntries.LANE, "lane_1");
    }

    @Test
    void inLaneTwo(TestReporter reporter) {
      reporter.publishEntry(ReportEntries.LANE, "lane_2");
    }
  }

  /** Uses each store enough for its CPU time to show in {@code /proc}'s 10 ms ticks. */
  @TestLanes
  static class AllStoresTestCase {
    @Test
    void usesEveryStore(DataSource db, JedisPooled redis, CqlSession cql) throws Exception {
      try (Connection c = db.getConnection();
          PreparedStatement count =
              c.prepareStatement("SELECT count(*) FROM generate_series(1, 200000)")) {
        for (int i = 0; i < 5; i++) {
          try (ResultSet rs = count.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
      }
      for (int i = 0; i < 3000; i++) {
        redis.set("key-" + i, "value");
      }
      for (int i = 0; i < 200; i++) {
        cql.execute("SELECT release_version FROM system.local");
      }
    }
  }

  @TestLanes
  static class LaneSleepyTestCase {
    @Test
    void sleeps() throws InterruptedException {
      Thread.sleep(1500);
    }
  }

  @TestLanes
  static class OtherLaneSleepyTestCase {
    @Test
    void sleeps() throws InterruptedException {
      Thread.sleep(1500);
    }
  }

  @TestLanes
  static class LaneFastTestCase {
    @Test
    void runs() {}
  }

  @TestLanes
  static class LaneLaterTestCase {
    @Test
    void runs() {}
  }

  static class SleepyTestCase {
    @Test
    void sleeps() throws InterruptedException {
      Thread.sleep(1500);
    }
  }

  static class OtherSleepyTestCase {
    @Test
    void sleeps() throws InterruptedException {
      Thread.sleep(1500);
    }
  }
}

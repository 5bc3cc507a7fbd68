package io.testlanes.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.run.TestRun;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario: its steps one after another, the test JVMs of a step at the same time, each a
 * cold child JVM running {@link SuiteMain} on the scenario's suite with its testlanes settings.
 * After each step the step's runs are stopped and awaited ({@code TestRun.down}), so that no
 * scenario's services overlap the next one's; where services stop per class, that stop is part of
 * the wall.
 */
final class ScenarioRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One test JVM: its system properties (testlanes settings and others) and the classes it runs
   * (none: every {@code *Test} class of the suite).
   */
  record Launch(String runId, Map<String, String> properties, List<String> classes) {}

  /**
   * What a scenario's test JVMs run: the suite's package, a class path with the suite's classes,
   * their libraries and {@link SuiteMain}, and the JVM options.
   */
  record Suite(String packageName, String classpath, List<String> jvmOptions) {
    /** The example suite, on the harness's own class path. */
    static Suite example() {
      return new Suite(
          SuiteMain.PACKAGE,
          System.getProperty("java.class.path"),
          List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
    }
  }

  /**
   * A scenario: steps run in order, the launches of a step together.
   *
   * @param stopCountsInWall whether stopping services after a step belongs to the measured run
   */
  record Scenario(
      String id,
      String title,
      String setup,
      Suite suite,
      List<List<Launch>> steps,
      double scale,
      boolean stopCountsInWall,
      Map<String, String> env) {

    /** A scenario of one step with one test JVM that runs the whole suite. */
    static Scenario single(
        String id,
        String title,
        String setup,
        Suite suite,
        String runId,
        Map<String, String> props,
        Map<String, String> env) {
      return new Scenario(
          id,
          title,
          setup,
          suite,
          List.of(List.of(new Launch(runId, props, List.of()))),
          1,
          false,
          env);
    }
  }

  private final Path workDir;
  private final String java;

  ScenarioRunner(Path workDir) {
    this.workDir = workDir;
    this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Where the logs and report parts of {@code scenario}'s test JVMs in run {@code round} are. */
  Path dir(Scenario scenario, int round) {
    return workDir.resolve(scenario.id()).resolve("run-" + round);
  }

  /** Runs {@code scenario} once, as run number {@code round} (from 1) of it. */
  ScenarioResult run(Scenario scenario, int round) throws IOException, InterruptedException {
    Path dir = dir(scenario, round);
    Files.createDirectories(dir);
    double wallMs = 0;
    double startMs = 0;
    double lanesMs = 0;
    double stopMs = 0;
    double firstReadySum = 0;
    TestWindow window = TestWindow.NONE;
    boolean passed = true;
    int classes = 0;
    CpuSeconds cpu;
    double othersCpu;
    long peakTest;
    long peakServices;
    try (ProcessSampler sampler = new ProcessSampler()) {
      int stepNo = 0;
      for (List<Launch> step : scenario.steps()) {
        stepNo++;
        long t0 = System.currentTimeMillis();
        List<Process> processes = new ArrayList<>();
        List<Path> reports = new ArrayList<>();
        for (int i = 0; i < step.size(); i++) {
          Launch l = step.get(i);
          Path report = dir.resolve("report-" + stepNo + "-" + (i + 1));
          reports.add(report);
          Process p =
              start(scenario, l, report, dir.resolve("jvm-" + stepNo + "-" + (i + 1) + ".log"));
          sampler.addRoot(p.pid());
          processes.add(p);
          classes += l.classes().size();
        }
        for (Process p : processes) {
          if (p.waitFor() != 0) {
            passed = false;
          }
        }
        long tEnd = System.currentTimeMillis();
        long stopStart = System.nanoTime();
        for (Launch l : step) {
          down(l.runId());
        }
        double stepStop = (System.nanoTime() - stopStart) / 1e6;
        double stepWall = (tEnd - t0) + (scenario.stopCountsInWall() ? stepStop : 0);
        List<JsonNode> parts = parts(reports);
        Phases ph = phases(parts, t0);
        TestWindow w = window(parts, t0, tEnd);
        window = window.then(w);
        wallMs += stepWall;
        startMs += ph.servicesReadyMs;
        lanesMs += ph.lanesMs;
        firstReadySum += ph.servicesReadyMs;
        if (scenario.stopCountsInWall()) {
          stopMs += stepStop;
        }
        System.out.printf(
            "  %s run %d step %d/%d: %.1f s (services ready at %.1f s, lanes %.1f s, first test"
                + " at %.1f s, %.1f s after the last, stop %.1f s)%s%n",
            scenario.id(),
            round,
            stepNo,
            scenario.steps().size(),
            stepWall / 1000,
            ph.servicesReadyMs / 1000,
            ph.lanesMs / 1000,
            w.beforeFirstTestS(),
            w.afterLastTestS(),
            stepStop / 1000,
            passed ? "" : "  FAILED (see " + dir + ")");
      }
      sampler.close();
      cpu = sampler.cpu();
      othersCpu = Math.max(0, sampler.machineBusySeconds() - cpu.total());
      peakTest = sampler.peakTestRssMb();
      peakServices = sampler.peakServiceRssMb();
    }
    double k = scenario.scale();
    double testsMs = Math.max(0, wallMs - startMs - lanesMs - stopMs);
    return new ScenarioResult(
        scenario.id(),
        scenario.title(),
        scenario.setup(),
        classes,
        k,
        wallMs / 1000,
        k * wallMs / 1000,
        firstReadySum / scenario.steps().size() / 1000,
        k * startMs / 1000,
        k * lanesMs / 1000,
        k * testsMs / 1000,
        k * stopMs / 1000,
        window.times(k),
        cpu.times(k),
        k * othersCpu,
        peakTest,
        peakServices,
        passed,
        List.of(new ScenarioResult.Run(k * wallMs / 1000, k * othersCpu, passed)));
  }

  private Process start(Scenario scenario, Launch l, Path report, Path log) throws IOException {
    Files.createDirectories(report);
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(scenario.suite().jvmOptions());
    Map<String, String> props = new LinkedHashMap<>(l.properties());
    props.put(Keys.RUN_ID, l.runId());
    props.put(Keys.REPORT_DIR, report.toString());
    props.put(Keys.KEEP_ALIVE, "0");
    props.forEach((key, v) -> cmd.add("-D" + key + "=" + v));
    cmd.add("-cp");
    cmd.add(scenario.suite().classpath());
    cmd.add(SuiteMain.class.getName());
    cmd.add(scenario.suite().packageName());
    cmd.addAll(l.classes());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.directory(report.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().putAll(scenario.env());
    return pb.start();
  }

  /** Stops the run's services now and waits until its host is gone. */
  static void down(String runId) throws IOException, InterruptedException {
    Settings s = Settings.load(List.of(ConfigSource.of("benchmark", Map.of(Keys.RUN_ID, runId))));
    TestRun.down(s, false, Duration.ofSeconds(90));
  }

  private record Phases(double servicesReadyMs, double lanesMs) {}

  /** From the report parts of a step's JVMs: when services were ready, and lane time. */
  private static Phases phases(List<JsonNode> parts, long t0) {
    double ready = 0;
    List<long[]> lanes = new ArrayList<>();
    for (JsonNode root : parts) {
      for (JsonNode p : root.path("phases")) {
        long start = p.path("start").asLong();
        long end = p.path("end").asLong();
        if (p.path("kind").asText().equalsIgnoreCase("service")) {
          ready = Math.max(ready, end - t0);
        } else {
          lanes.add(new long[] {start, end});
        }
      }
    }
    return new Phases(ready, union(lanes));
  }

  /**
   * From the report parts of a step's JVMs, launched at {@code t0} (epoch ms), the last of which
   * exited at {@code tEnd}: when its test classes ran.
   */
  static TestWindow window(List<JsonNode> parts, long t0, long tEnd) {
    long runStart = Long.MAX_VALUE;
    long runEnd = Long.MIN_VALUE;
    long firstClass = Long.MAX_VALUE;
    long lastClass = Long.MIN_VALUE;
    long testTime = 0;
    String longest = "";
    long longestMs = 0;
    for (JsonNode root : parts) {
      runStart = Math.min(runStart, root.path("start").asLong());
      runEnd = Math.max(runEnd, root.path("end").asLong());
      for (JsonNode p : root.path("phases")) {
        runStart = Math.min(runStart, p.path("start").asLong());
      }
      for (JsonNode c : root.path("classes")) {
        long start = c.path("start").asLong();
        long end = c.path("end").asLong();
        firstClass = Math.min(firstClass, start);
        lastClass = Math.max(lastClass, end);
        testTime += end - start;
        if (end - start > longestMs) {
          longestMs = end - start;
          longest = c.path("class").asText();
        }
      }
    }
    if (firstClass == Long.MAX_VALUE) {
      return TestWindow.NONE;
    }
    return new TestWindow(
        (runEnd - runStart) / 1000.0,
        testTime / 1000.0,
        (firstClass - t0) / 1000.0,
        (tEnd - lastClass) / 1000.0,
        longest.substring(longest.lastIndexOf('.') + 1),
        longestMs / 1000.0);
  }

  /** The run report parts the JVMs wrote into the report directories {@code reports}. */
  static List<JsonNode> parts(List<Path> reports) throws IOException {
    List<JsonNode> roots = new ArrayList<>();
    for (Path report : reports) {
      Path parts = report.resolve("parts");
      if (!Files.isDirectory(parts)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(parts, "*.json")) {
        for (Path f : files) {
          roots.add(JSON.readTree(f.toFile()));
        }
      }
    }
    return roots;
  }

  /** Total length of the union of intervals. */
  static double union(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(a -> a[0]));
    long total = 0;
    long curStart = Long.MIN_VALUE;
    long curEnd = Long.MIN_VALUE;
    for (long[] iv : sorted) {
      if (iv[0] > curEnd) {
        if (curEnd > curStart) {
          total += curEnd - curStart;
        }
        curStart = iv[0];
        curEnd = iv[1];
      } else {
        curEnd = Math.max(curEnd, iv[1]);
      }
    }
    if (curEnd > curStart) {
      total += curEnd - curStart;
    }
    return total;
  }
}

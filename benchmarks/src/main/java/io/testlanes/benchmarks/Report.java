package io.testlanes.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code <name>.md}, {@code <name>.json} and, when scenario 1 ran, {@code <name>.svg}: the
 * scenarios, the before/after chain pair by pair, the parallel runs against the machine's limit,
 * the component benchmarks.
 */
final class Report {
  /** Issue 17's targets: workers=4 over workers=1, the wall over the machine's limit. */
  static final double SPEEDUP_TARGET = 1.8;

  static final double LIMIT_TARGET = 1.2;

  /** Issue 17's target for the wall outside tests at one worker, seconds. */
  static final double OUTSIDE_TARGET_S = 5.0;

  /** The scenario at one worker that the parallel ones are compared with. */
  static final String ONE_WORKER = "s3-once-tmpfs";

  private static final String LANES = "s4-lanes-";

  /**
   * What the invocation was.
   *
   * @param runs runs per scenario
   * @param work the raw logs and report parts
   */
  record Run(
      String date, int runs, int totalClasses, List<String> subset, double scale, Path work) {}

  private Report() {}

  static void write(
      Path out, String name, Run run, List<ScenarioResult> results, List<Micro.Row> micro)
      throws IOException {
    Map<String, Object> machine = machine();
    int cores = Runtime.getRuntime().availableProcessors();
    Optional<ScenarioResult> before = find(results, "s1-before");
    List<Ratios.Step> steps = List.of();
    if (before.isPresent()) {
      List<String> chain = new ArrayList<>(List.of("s1-before", "s2-once-disk", ONE_WORKER));
      chain.add(Ratios.fastestOf(results, LANES).id());
      steps = Ratios.chain(results, chain);
    }
    ScenarioResult first = results.get(0);
    ScenarioResult best = Ratios.fastest(results);
    List<LimitRow> limits = limits(results, cores);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", run.date());
    if (before.isPresent()) {
      json.put("beforeAfterRatio", round(Ratios.beforeAfter(results), 2));
      json.put("before", first.id());
    }
    json.put("best", best.id());
    json.put("runsPerScenario", run.runs());
    json.put("machine", machine);
    json.put("suiteClasses", run.totalClasses());
    if (before.isPresent()) {
      json.put("beforeSubset", run.subset());
      json.put("beforeScale", round(run.scale(), 3));
    }
    List<Map<String, Object>> rs = new ArrayList<>();
    for (ScenarioResult r : results) {
      rs.add(scenarioJson(r, first));
    }
    json.put("scenarios", rs);
    if (!steps.isEmpty()) {
      List<Map<String, Object>> ss = new ArrayList<>();
      for (Ratios.Step s : steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", s.from());
        m.put("to", s.to());
        m.put("ratio", round(s.ratio(), 2));
        m.put("savedS", round(s.savedS(), 1));
        ss.add(m);
      }
      json.put("steps", ss);
      json.put("largestStep", Ratios.largest(steps).to());
    }
    if (!limits.isEmpty()) {
      json.put("machineLimit", limitsJson(limits));
    }
    List<Map<String, Object>> ms = new ArrayList<>();
    for (Micro.Row m : micro) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("benchmark", m.benchmark());
      row.put("params", m.params());
      row.put("score", round(m.score(), 3));
      row.put("error", round(m.error(), 3));
      row.put("unit", m.unit());
      ms.add(row);
    }
    json.put("micro", ms);
    Files.writeString(
        out.resolve(name + ".json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json)
            + "\n");

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results ").append(run.date()).append("\n\n");
    if (before.isPresent()) {
      md.append(
          String.format(
              Locale.ROOT,
              "**Before/after: %.1fx** — scenario 1 (%s s) over the fastest, %s (%s s), measured in"
                  + " the same invocation.%n%n",
              Ratios.beforeAfter(results),
              Chart.format(first.wallS()),
              best.id(),
              Chart.format(best.wallS())));
    }
    md.append("Machine: ")
        .append(machine.get("cores"))
        .append(" cores (")
        .append(machine.get("cpu"))
        .append("), ")
        .append(machine.get("memoryMb"))
        .append(" MB memory, ")
        .append(machine.get("jdk"))
        .append(", ")
        .append(machine.get("os"))
        .append(". ")
        .append(runsSentence(run.runs()))
        .append(" ")
        .append(othersSentence(results))
        .append("\n\n");
    if (before.isPresent()) {
      String svgName = name + ".svg";
      Files.writeString(
          out.resolve(svgName),
          Chart.svg(
              String.format(
                  Locale.ROOT,
                  "Example suite (%d classes), wall time by phase — before/after %.1fx",
                  run.totalClasses(),
                  Ratios.beforeAfter(results)),
              results));
      md.append("![wall time by phase](").append(svgName).append(")\n\n");
    }
    md.append(
        "| scenario | wall s | runs min–max s | × vs first | services ready s | start services s"
            + " | prepare lanes s | run tests s | stop s | CPU test JVMs s | CPU services s | peak"
            + " RSS test JVMs MB | peak RSS services MB | passed |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ScenarioResult r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %s | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d"
                  + " | %s |%n",
              r.title(),
              r.wallS(),
              spread(r),
              Ratios.ratio(first.wallS(), r.wallS()),
              r.servicesReadyS(),
              r.startServicesS(),
              r.prepareLanesS(),
              r.runTestsS(),
              r.stopServicesS(),
              r.cpu().testJvms(),
              r.cpu().services(),
              r.peakTestJvmsRssMb(),
              r.peakServicesRssMb(),
              r.passed() ? "yes" : "NO"));
    }
    md.append("\nWhat each scenario is:\n\n");
    for (ScenarioResult r : results) {
      md.append("- `").append(r.id()).append("`: ").append(r.setup()).append(".\n");
    }
    if (!steps.isEmpty()) {
      md.append(
          "\n## Each change, pair by pair\n\n| from | to | ratio | saved s |\n|---|---|---|---|\n");
      for (Ratios.Step s : steps) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.2fx | %.1f |%n",
                s.from(),
                s.to(),
                s.ratio(),
                s.savedS()));
      }
      Ratios.Step largest = Ratios.largest(steps);
      md.append(
          String.format(
              Locale.ROOT,
              "%nThe change that saved the most: **%s → %s** (%.1f s, %.2fx).%n",
              largest.from(),
              largest.to(),
              largest.savedS(),
              largest.ratio()));
    }
    if (!limits.isEmpty()) {
      md.append(limitsMarkdown(limits, cores));
    }
    if (!micro.isEmpty()) {
      md.append("\n## Components (JMH, average time per operation)\n\n");
      md.append("| benchmark | params | score | ± error | unit |\n|---|---|---|---|---|\n");
      for (Micro.Row m : micro) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.3f | %.3f | %s |%n",
                m.benchmark(),
                m.params(),
                m.score(),
                m.error(),
                m.unit()));
      }
    }
    md.append(howMeasured(run, before.isPresent()));
    Files.writeString(out.resolve(name + ".md"), md.toString());
  }

  /** A parallel-runs row: a one-JVM lanes scenario (or the one-worker one) and its limit. */
  record LimitRow(int workers, ScenarioResult result, MachineLimit limit, double speedup) {}

  /**
   * The one-worker scenario and each lanes scenario, each against the machine's limit (its own CPU,
   * the longest class at one worker); empty without a one-worker scenario or a lanes one.
   */
  static List<LimitRow> limits(List<ScenarioResult> results, int cores) {
    Optional<ScenarioResult> one = find(results, ONE_WORKER);
    List<ScenarioResult> lanes = results.stream().filter(r -> r.id().startsWith(LANES)).toList();
    if (one.isEmpty() || lanes.isEmpty()) {
      return List.of();
    }
    double longest = one.get().tests().longestClassS();
    List<LimitRow> rows = new ArrayList<>();
    rows.add(new LimitRow(1, one.get(), MachineLimit.of(one.get(), cores, longest), 1));
    for (ScenarioResult r : lanes) {
      rows.add(
          new LimitRow(
              Integer.parseInt(r.id().substring(LANES.length())),
              r,
              MachineLimit.of(r, cores, longest),
              Ratios.ratio(one.get().wallS(), r.wallS())));
    }
    return rows;
  }

  private static Map<String, Object> limitsJson(List<LimitRow> rows) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("oneWorker", ONE_WORKER);
    m.put(
        "longestClassAlone",
        rows.get(0).result().tests().longestClass()
            + " "
            + round(rows.get(0).result().tests().longestClassS(), 1)
            + " s");
    List<Map<String, Object>> list = new ArrayList<>();
    for (LimitRow row : rows) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("id", row.result().id());
      x.put("workers", row.workers());
      x.put("wallS", round(row.result().wallS(), 1));
      x.put("speedupOverOneWorker", round(row.speedup(), 2));
      x.put("cpuBoundS", round(row.limit().cpuBoundS(), 1));
      x.put("longestClassS", round(row.limit().longestClassS(), 1));
      x.put("limitS", round(row.limit().limitS(), 1));
      x.put("boundBy", row.limit().boundBy());
      x.put("wallOverLimit", round(row.limit().wallOverLimit(), 2));
      list.add(x);
    }
    m.put("runs", list);
    Optional<LimitRow> four = rows.stream().filter(r -> r.workers() == 4).findFirst();
    Map<String, Object> goals = new LinkedHashMap<>();
    if (four.isPresent()) {
      goals.put("speedupAt4", round(four.get().speedup(), 2));
      goals.put("speedupAt4Met", four.get().speedup() >= SPEEDUP_TARGET);
      goals.put("wallOverLimitAt4", round(four.get().limit().wallOverLimit(), 2));
      goals.put("wallOverLimitAt4Met", four.get().limit().wallOverLimit() <= LIMIT_TARGET);
    }
    double outside = rows.get(0).result().tests().outsideS();
    goals.put("outsideTestsAt1S", round(outside, 1));
    goals.put("outsideTestsAt1Met", outside <= OUTSIDE_TARGET_S);
    m.put("goals", goals);
    return m;
  }

  private static String limitsMarkdown(List<LimitRow> rows, int cores) {
    ScenarioResult one = rows.get(0).result();
    StringBuilder md = new StringBuilder();
    md.append("\n## Parallel runs against the machine's limit\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "The example suite in one JVM, embedded services, at 1 worker and with lanes. The"
                + " machine's limit is the larger of the run's CPU seconds (test JVMs, host,"
                + " services) over the %d cores and the longest class at 1 worker (%s, %.1f s): no"
                + " run can be faster.%n%n",
            cores,
            one.tests().longestClass(),
            one.tests().longestClassS()));
    md.append(
        "| workers | wall s | runs min–max s | × vs 1 | testlanes wall s | test time s | outside"
            + " tests s | before first test s | services ready s | lanes s | after last test s |"
            + " CPU test JVMs s | host s | Postgres s | Redis s | Cassandra s | other s | CPU ÷"
            + " cores s | limit s | wall ÷ limit |\n");
    md.append(
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (LimitRow row : rows) {
      ScenarioResult r = row.result();
      TestWindow t = r.tests();
      CpuSeconds c = r.cpu();
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %.1f | %s | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |"
                  + " %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f (%s) | %.2f |%n",
              row.workers(),
              r.wallS(),
              spread(r),
              row.speedup(),
              t.testlanesWallS(),
              t.testTimeS(),
              t.outsideS(),
              t.beforeFirstTestS(),
              r.servicesReadyS(),
              r.prepareLanesS(),
              t.afterLastTestS(),
              c.testJvms(),
              c.host(),
              c.postgres(),
              c.redis(),
              c.cassandra(),
              c.other(),
              row.limit().cpuBoundS(),
              row.limit().limitS(),
              row.limit().boundBy(),
              row.limit().wallOverLimit()));
    }
    Optional<LimitRow> four = rows.stream().filter(r -> r.workers() == 4).findFirst();
    md.append("\nIssue 17's targets:\n\n");
    if (four.isPresent()) {
      md.append(
          String.format(
              Locale.ROOT,
              "- 4 workers over 1: **%.2fx** (target ≥ %.1fx: %s); wall ÷ limit at 4 workers"
                  + " **%.2f** (target ≤ %.2f: %s).%n",
              four.get().speedup(),
              SPEEDUP_TARGET,
              four.get().speedup() >= SPEEDUP_TARGET ? "met" : "missed",
              four.get().limit().wallOverLimit(),
              LIMIT_TARGET,
              four.get().limit().wallOverLimit() <= LIMIT_TARGET ? "met" : "missed"));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "- Wall outside tests at 1 worker: **%.1f s** (%.1f s to the first test, %.1f s after"
                + " the last; target ≤ %.0f s: %s).%n",
            one.tests().outsideS(),
            one.tests().beforeFirstTestS(),
            one.tests().afterLastTestS(),
            OUTSIDE_TARGET_S,
            one.tests().outsideS() <= OUTSIDE_TARGET_S ? "met" : "missed"));
    return md.toString();
  }

  private static Map<String, Object> scenarioJson(ScenarioResult r, ScenarioResult first) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("title", r.title());
    m.put("setup", r.setup());
    m.put("wallS", round(r.wallS(), 1));
    List<Map<String, Object>> runs = new ArrayList<>();
    for (ScenarioResult.Run run : r.runs()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("wallS", round(run.wallS(), 1));
      x.put("otherProcessesCpuS", round(run.othersCpuS(), 1));
      x.put("passed", run.passed());
      runs.add(x);
    }
    m.put("runs", runs);
    m.put("measuredWallS", round(r.measuredWallS(), 1));
    m.put("ratioToFirst", round(Ratios.ratio(first.wallS(), r.wallS()), 2));
    m.put("servicesReadyS", round(r.servicesReadyS(), 1));
    m.put("startServicesS", round(r.startServicesS(), 1));
    m.put("prepareLanesS", round(r.prepareLanesS(), 1));
    m.put("runTestsS", round(r.runTestsS(), 1));
    m.put("stopServicesS", round(r.stopServicesS(), 1));
    TestWindow t = r.tests();
    m.put("testlanesWallS", round(t.testlanesWallS(), 1));
    m.put("testTimeS", round(t.testTimeS(), 1));
    m.put("outsideTestsS", round(t.outsideS(), 1));
    m.put("beforeFirstTestS", round(t.beforeFirstTestS(), 1));
    m.put("afterLastTestS", round(t.afterLastTestS(), 1));
    m.put("longestClass", t.longestClass());
    m.put("longestClassS", round(t.longestClassS(), 1));
    m.put("cpuTestJvmsS", round(r.cpu().testJvms(), 1));
    m.put("cpuServicesS", round(r.cpu().services(), 1));
    Map<String, Object> cpu = new LinkedHashMap<>();
    cpu.put("testJvms", round(r.cpu().testJvms(), 1));
    cpu.put("host", round(r.cpu().host(), 1));
    cpu.put("postgres", round(r.cpu().postgres(), 1));
    cpu.put("redis", round(r.cpu().redis(), 1));
    cpu.put("cassandra", round(r.cpu().cassandra(), 1));
    cpu.put("other", round(r.cpu().other(), 1));
    m.put("cpuS", cpu);
    m.put("otherProcessesCpuS", round(r.othersCpuS(), 1));
    m.put("peakTestJvmsRssMb", r.peakTestJvmsRssMb());
    m.put("peakServicesRssMb", r.peakServicesRssMb());
    m.put("passed", r.passed());
    return m;
  }

  private static String spread(ScenarioResult r) {
    return r.runs().size() < 2
        ? "–"
        : String.format(Locale.ROOT, "%.1f–%.1f", r.minWallS(), r.maxWallS());
  }

  private static String runsSentence(int runs) {
    return runs == 1
        ? "Each scenario ran once."
        : "Each scenario ran "
            + runs
            + " times, the scenarios alternated round by round; each row is the run with the"
            + " median wall time, the spread of all runs beside it.";
  }

  /** How busy the rest of the machine was while the scenarios ran. */
  private static String othersSentence(List<ScenarioResult> results) {
    double others = 0;
    double wall = 0;
    double most = 0;
    for (ScenarioResult r : results) {
      others += r.othersCpuS();
      wall += r.wallS();
      for (ScenarioResult.Run run : r.runs()) {
        most = Math.max(most, run.wallS() > 0 ? run.othersCpuS() / run.wallS() : 0);
      }
    }
    return String.format(
        Locale.ROOT,
        "Other processes of the machine used %.2f cores on average during the runs shown (at"
            + " most %.2f during any one run).",
        wall > 0 ? others / wall : 0,
        most);
  }

  private static String howMeasured(Run run, boolean withBefore) {
    StringBuilder s = new StringBuilder();
    s.append(
        "\n## How it was measured\n\n"
            + "- Each scenario's test JVMs are cold child JVMs (`-Xmx384m -XX:TieredStopAtLevel=1`)"
            + " running the example suite through the JUnit Platform launcher, as Surefire would,"
            + " with testlanes' listeners and the suite's `junit-platform.properties` (classes"
            + " longest first, from a timings file that every scenario of the invocation"
            + " updates, as a project's `target/testlanes/timings.json` lasts from run to run); no"
            + " Maven in the measured time.\n"
            + "- Wall: first JVM launched to last JVM exited (scenario 1 adds stopping each"
            + " class's services, which a per-class setup does before the next class). Services"
            + " ready, lane phases, test classes: from the run report parts the JVMs wrote."
            + " Run tests = wall − start services − prepare lanes − stop. Test time: the classes'"
            + " times summed; outside tests: JVM launch to the first class's start, and the last"
            + " class's end to the JVM's exit; testlanes wall: as the run report has it (first"
            + " JVM start or setup phase to the last JVM's end of tests).\n"
            + "- CPU and RSS: `/proc/<pid>/stat` of the test JVMs and everything they started (run"
            + " host, Postgres, Redis, Cassandra) and of Docker container processes created during"
            + " the scenario, sampled every 200 ms, each process counted by its command line (the"
            + " host's `RunHost`, `postgres`, `redis-server`, the Cassandra JVM); RSS peaks are of"
            + " the sums per group and count shared pages once per process. Other processes: the"
            + " machine's busy time (`/proc/stat`) minus the scenario's processes.\n");
    if (withBefore) {
      s.append(
          "- Scenario 1 runs every "
              + String.format(Locale.ROOT, "%.1f", run.scale())
              + "th class ("
              + run.subset().size()
              + " of "
              + run.totalClasses()
              + ": "
              + String.join(
                  ", ",
                  run.subset().stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toList())
              + "), each in its own run, and scales its times and CPU by "
              + String.format(Locale.ROOT, "%.2f", run.scale())
              + ".\n"
              + "- Scenario 6 emulates Surefire `forkCount=N` with plain Testcontainers singletons:"
              + " N JVMs at once, each with a run of its own (so each starts its own Postgres,"
              + " Redis and Cassandra containers and uses its own database), one worker each, the"
              + " classes split between them by the recorded timings (Surefire hands classes out"
              + " dynamically; a timed static split is close to that).\n");
    }
    s.append(
        "- Physical limits: 2 cores bound every CPU-heavy speedup; tests, Postgres,"
            + " Cassandra and the JVMs compete for them, so more workers than cores help only while"
            + " tests wait on I/O.\n"
            + "- Raw logs and report parts: `"
            + relative(run.work())
            + "` (not committed).\n");
    return s.toString();
  }

  /** {@code p} relative to the working directory when inside it, else only its last two names. */
  static String relative(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    if (abs.startsWith(cwd)) {
      return cwd.relativize(abs).toString();
    }
    int n = abs.getNameCount();
    return n >= 2 ? abs.subpath(n - 2, n).toString() : String.valueOf(abs.getFileName());
  }

  static Optional<ScenarioResult> find(List<ScenarioResult> results, String id) {
    return results.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
    String mem = firstMatch(Path.of("/proc/meminfo"), "MemTotal");
    long kb = 0;
    try {
      kb = Long.parseLong(mem.replaceAll("[^0-9]", ""));
    } catch (NumberFormatException e) {
      kb = 0;
    }
    m.put("memoryMb", kb / 1024);
    m.put(
        "jdk",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return m;
  }

  private static String firstMatch(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }
}

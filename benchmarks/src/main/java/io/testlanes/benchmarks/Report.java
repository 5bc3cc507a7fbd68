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

/** Writes {@code <date>.md}, {@code <date>.json} and {@code <date>.svg}. */
final class Report {
  private Report() {}

  static void write(
      Path out,
      String date,
      List<ScenarioResult> results,
      List<Micro.Row> micro,
      int bestN,
      int totalClasses,
      List<String> subset,
      double scale,
      Path work)
      throws IOException {
    double ratio = Ratios.beforeAfter(results);
    ScenarioResult best = Ratios.fastest(results);
    List<String> chain = new ArrayList<>(List.of("s1-before", "s2-once-disk", "s3-once-tmpfs"));
    chain.add("s4-lanes-" + bestN);
    List<Ratios.Step> steps = Ratios.chain(results, chain);
    Ratios.Step largest = Ratios.largest(steps);
    Map<String, Object> machine = machine();

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", date);
    json.put("beforeAfterRatio", round(ratio, 2));
    json.put("before", results.get(0).id());
    json.put("best", best.id());
    json.put("machine", machine);
    json.put("suiteClasses", totalClasses);
    json.put("beforeSubset", subset);
    json.put("beforeScale", round(scale, 3));
    List<Map<String, Object>> rs = new ArrayList<>();
    for (ScenarioResult r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("title", r.title());
      m.put("setup", r.setup());
      m.put("wallS", round(r.wallS(), 1));
      m.put("measuredWallS", round(r.measuredWallS(), 1));
      m.put("ratioToBefore", round(Ratios.ratio(results.get(0).wallS(), r.wallS()), 2));
      m.put("servicesReadyS", round(r.servicesReadyS(), 1));
      m.put("startServicesS", round(r.startServicesS(), 1));
      m.put("prepareLanesS", round(r.prepareLanesS(), 1));
      m.put("runTestsS", round(r.runTestsS(), 1));
      m.put("stopServicesS", round(r.stopServicesS(), 1));
      m.put("cpuTestJvmsS", round(r.cpuTestJvmsS(), 1));
      m.put("cpuServicesS", round(r.cpuServicesS(), 1));
      m.put("peakTestJvmsRssMb", r.peakTestJvmsRssMb());
      m.put("peakServicesRssMb", r.peakServicesRssMb());
      m.put("passed", r.passed());
      rs.add(m);
    }
    json.put("scenarios", rs);
    List<Map<String, Object>> ss = new ArrayList<>();
    for (Ratios.Step s : steps) {
      ss.add(
          Map.of(
              "from",
              s.from(),
              "to",
              s.to(),
              "ratio",
              round(s.ratio(), 2),
              "savedS",
              round(s.savedS(), 1)));
    }
    json.put("steps", ss);
    json.put("largestStep", largest.to());
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
        out.resolve(date + ".json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json)
            + "\n");

    String svgName = date + ".svg";
    Files.writeString(
        out.resolve(svgName),
        Chart.svg(
            String.format(
                Locale.ROOT,
                "Example suite (%d classes), wall time by phase — before/after %.1fx",
                totalClasses,
                ratio),
            results));

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results ").append(date).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "**Before/after: %.1fx** — scenario 1 (%s s) over the fastest, %s (%s s), measured in"
                + " the same invocation.%n%n",
            ratio,
            Chart.format(results.get(0).wallS()),
            best.id(),
            Chart.format(best.wallS())));
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
        .append(". Shared with other work while it ran: figures are noisy (one run each).\n\n");
    md.append("![wall time by phase](").append(svgName).append(")\n\n");
    md.append(
        "| scenario | wall s | × vs 1 | services ready s | start services s | prepare lanes s |"
            + " run tests s | stop s | CPU test JVMs s | CPU services s | peak RSS test JVMs MB"
            + " | peak RSS services MB | passed |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ScenarioResult r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %s |%n",
              r.title(),
              r.wallS(),
              Ratios.ratio(results.get(0).wallS(), r.wallS()),
              r.servicesReadyS(),
              r.startServicesS(),
              r.prepareLanesS(),
              r.runTestsS(),
              r.stopServicesS(),
              r.cpuTestJvmsS(),
              r.cpuServicesS(),
              r.peakTestJvmsRssMb(),
              r.peakServicesRssMb(),
              r.passed() ? "yes" : "NO"));
    }
    md.append("\nWhat each scenario is:\n\n");
    for (ScenarioResult r : results) {
      md.append("- `").append(r.id()).append("`: ").append(r.setup()).append(".\n");
    }
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
    md.append(
        String.format(
            Locale.ROOT,
            "%nThe change that saved the most: **%s → %s** (%.1f s, %.2fx).%n",
            largest.from(),
            largest.to(),
            largest.savedS(),
            largest.ratio()));
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
    md.append(
        "\n## How it was measured\n\n"
            + "- Each scenario's test JVMs are cold child JVMs (`-Xmx384m -XX:TieredStopAtLevel=1`)"
            + " running the example suite through the JUnit Platform launcher, as Surefire would,"
            + " with testlanes' listeners; no Maven in the measured time.\n"
            + "- Wall: first JVM launched to last JVM exited (scenario 1 adds stopping each"
            + " class's services, which a per-class setup does before the next class). Services"
            + " ready, lane phases: from the run report parts the JVMs wrote. Run tests = wall −"
            + " start services − prepare lanes − stop.\n"
            + "- CPU and RSS: `/proc/<pid>/stat` of the test JVMs and everything they started (run"
            + " host, Postgres, Redis, Cassandra) and of Docker container processes created during"
            + " the scenario, sampled every 200 ms; RSS peaks are of the sums per group and count"
            + " shared pages once per process.\n"
            + "- Scenario 1 runs every "
            + String.format(Locale.ROOT, "%.1f", scale)
            + "th class ("
            + subset.size()
            + " of "
            + totalClasses
            + ": "
            + String.join(
                ", ", subset.stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toList())
            + "), each in its own run, and scales its times and CPU by "
            + String.format(Locale.ROOT, "%.2f", scale)
            + ".\n"
            + "- Scenario 6 emulates Surefire `forkCount=N` with plain Testcontainers singletons:"
            + " N JVMs at once, each with a run of its own (so each starts its own Postgres, Redis"
            + " and Cassandra containers and uses its own database), one worker each, the classes"
            + " split between them by the timings of scenario 3 (Surefire hands classes out"
            + " dynamically; a timed static split is close to that).\n"
            + "- Physical limits: 2 cores bound every CPU-heavy speedup; tests, Postgres,"
            + " Cassandra and the JVMs compete for them, so more workers than cores help only while"
            + " tests wait on I/O.\n"
            + "- Raw logs and report parts: `"
            + work
            + "` (not committed).\n");
    Files.writeString(out.resolve(date + ".md"), md.toString());
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

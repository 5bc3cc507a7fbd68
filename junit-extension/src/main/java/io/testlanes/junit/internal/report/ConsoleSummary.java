package io.testlanes.junit.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The few lines printed at the end of a run. */
final class ConsoleSummary {
  private static final String PREFIX = "[testlanes] ";

  private ConsoleSummary() {}

  static List<String> lines(RunData run, Path report) {
    List<String> lines = new ArrayList<>();
    lines.add(
        PREFIX
            + String.format(
                Locale.ROOT,
                "%d test class%s, %d test%s (%d passed, %d failed, %d skipped) in %d JVM%s",
                run.classes().size(),
                run.classes().size() == 1 ? "" : "es",
                run.tests().size(),
                run.tests().size() == 1 ? "" : "s",
                run.testCount(Outcome.PASSED),
                run.testCount(Outcome.FAILED),
                run.testCount(Outcome.SKIPPED) + run.testCount(Outcome.ABORTED),
                run.jvms(),
                run.jvms() == 1 ? "" : "s"));
    lines.add(
        PREFIX
            + String.format(
                Locale.ROOT,
                "wall time %s, test time %s, effective speedup %.2fx",
                seconds(run.wallMillis()),
                seconds(run.testMillis()),
                run.speedup()));
    String services =
        run.services().isEmpty()
            ? "none reported"
            : run.services().stream()
                .map(p -> p.name() + " " + seconds(p.millis()))
                .collect(Collectors.joining(", "));
    String lanes =
        run.lanePhases().isEmpty()
            ? "none reported"
            : run.lanePhases().size()
                + ", slowest "
                + seconds(run.lanePhases().stream().mapToLong(Phase::millis).max().orElse(0));
    lines.add(PREFIX + "services ready: " + services + "; lanes prepared: " + lanes);
    List<RunData.Row> laneRows = run.rows().stream().filter(RunData.Row::lane).toList();
    List<RunData.Row> shown = laneRows.isEmpty() ? run.rows() : laneRows;
    if (!shown.isEmpty()) {
      double mean = shown.stream().mapToDouble(RunData.Row::utilisation).average().orElse(0);
      lines.add(
          PREFIX
              + "lane utilisation: "
              + shown.stream()
                  .map(r -> r.label() + " " + percent(r.utilisation()))
                  .collect(Collectors.joining(", "))
              + " (mean "
              + percent(mean)
              + ")");
    }
    if (!run.contexts().isEmpty()) {
      lines.add(
          PREFIX
              + "application contexts: "
              + run.contexts().entrySet().stream()
                  .map(
                      e ->
                          e.getKey()
                              + " "
                              + e.getValue().created()
                              + " created, "
                              + e.getValue().reused()
                              + " reused")
                  .collect(Collectors.joining("; ")));
    }
    lines.add(
        PREFIX
            + "slowest classes: "
            + run.slowest(5).stream()
                .map(c -> simpleName(c.className()) + " " + seconds(c.millis()))
                .collect(Collectors.joining(", ")));
    lines.add(PREFIX + "report: " + report.toAbsolutePath().normalize());
    return lines;
  }

  /** Milliseconds as {@code 4.8 s}, or {@code 3 m 48 s} from two minutes on. */
  static String seconds(long millis) {
    if (millis >= 120_000) {
      long s = Math.round(millis / 1000.0);
      return String.format(Locale.ROOT, "%d m %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  /** {@code com.example.Outer$Inner} as {@code Outer$Inner}. */
  static String simpleName(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(dot + 1);
  }
}

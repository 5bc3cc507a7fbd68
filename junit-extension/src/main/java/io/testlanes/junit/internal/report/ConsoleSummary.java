package io.testlanes.junit.internal.report;

import io.testlanes.config.Backend;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** The few lines printed at the end of a run. */
final class ConsoleSummary {
  private static final String PREFIX = "[testlanes] ";
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ConsoleSummary() {}

  /**
   * The summary of {@code run}: counts, times and how busy the lanes were; the speedup over one
   * worker when {@code baseline} holds every class of the run; the CPU the run used; where the
   * report is.
   */
  static List<String> lines(
      RunData run, Optional<Baseline> baseline, Optional<CpuUse.Figures> cpu, Path report) {
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
                "wall time %s, test time %s, %s",
                seconds(run.wallMillis()),
                seconds(run.testMillis()),
                run.laneCount() > 0
                    ? String.format(
                        Locale.ROOT,
                        "busy lanes on average %.2f of %d",
                        run.busyLanes(),
                        run.laneCount())
                    : String.format(
                        Locale.ROOT, "test classes at once on average %.2f", run.classesAtOnce())));
    lines.add(PREFIX + speedup(run, baseline));
    cpu.ifPresent(c -> lines.add(PREFIX + cpu(c)));
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

  private static String speedup(RunData run, Optional<Baseline> baseline) {
    if (run.timings().isEmpty()) {
      return "speedup over 1 worker: no test class ran";
    }
    if (run.serial()) {
      return "speedup over 1 worker: none, this run ran one test at a time; its class times are"
          + " now the single-worker baseline";
    }
    Set<String> classes = run.timings().keySet();
    OptionalLong oneWorker =
        baseline.isPresent() ? baseline.get().wallFor(classes) : OptionalLong.empty();
    if (baseline.isEmpty() || oneWorker.isEmpty()) {
      long missing = baseline.isPresent() ? baseline.get().missing(classes) : classes.size();
      return "speedup over 1 worker: unknown, no single-worker time yet for "
          + (classes.size() == 1
              ? "this class"
              : missing + " of these " + classes.size() + " classes")
          + " (a run with -Dtestlanes.workers=1 records single-worker times)";
    }
    long wall = run.wallMillis();
    return String.format(
        Locale.ROOT,
        "speedup %.2fx over 1 worker: %s took %s with 1 worker (single-worker times recorded %s)",
        wall <= 0 ? 0 : (double) oneWorker.getAsLong() / wall,
        classes.size() == 1 ? "this class" : "these " + classes.size() + " classes",
        seconds(oneWorker.getAsLong()),
        MINUTE.format(baseline.get().recorded()));
  }

  /** The CPU line, without its prefix; the page shows it too. */
  static String cpu(CpuUse.Figures c) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "CPU busy %.2f of %d cores on average (%s): test JVMs %.2f",
                c.busyCores(),
                c.cores(),
                percent(c.busyCores() / c.cores()),
                c.busy(c.jvmMillis())));
    line.append(host(c));
    c.machineBusy()
        .ifPresent(m -> line.append("; whole machine ").append(percent(m)).append(" busy"));
    return line.toString();
  }

  /**
   * The service host's part of the CPU line: with embedded services, their sum and each service
   * apart; services of other backends are not the host's children, which the line says.
   */
  private static String host(CpuUse.Figures c) {
    ProcCpu.HostTree host = c.host();
    if (host.totalMillis() == 0 && host.serviceMillis().isEmpty()) {
      return "";
    }
    if (c.backend() != Backend.EMBEDDED) {
      return String.format(
          Locale.ROOT,
          ", service host %.2f (%s services not counted)",
          c.busy(host.totalMillis()),
          c.backend().id());
    }
    if (host.serviceMillis().isEmpty()) {
      return String.format(Locale.ROOT, ", service host %.2f", c.busy(host.totalMillis()));
    }
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                ", services %.2f (host %.2f",
                c.busy(host.totalMillis()),
                c.busy(host.hostMillis())));
    host.serviceMillis()
        .forEach(
            (service, ms) ->
                s.append(String.format(Locale.ROOT, ", %s %.2f", service.id(), c.busy(ms))));
    return s.append(')').toString();
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

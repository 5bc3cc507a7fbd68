package io.testlanes.junit.internal.report;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Settings;
import io.testlanes.junit.internal.plan.JunitSettings;
import io.testlanes.junit.internal.plan.TestLanesClasses;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records each test class and test of a run (lane, JVM, start, end, outcome) and the setup phases
 * reported through {@link ReportEntries}; at the end of each test plan execution it merges what
 * every JVM of the run recorded and writes the console summary, {@code report.html} and the
 * timings. Registered with the launcher through {@code ServiceLoader}.
 *
 * <p>A report must never fail or hide a test run: problems writing it are printed as one line on
 * standard error and the run goes on. Invalid configuration is no report problem: it fails as
 * everywhere else (see {@link #testPlanExecutionStarted}).
 */
public final class RunReportListener implements TestExecutionListener {
  private final PrintStream out;
  private volatile @Nullable Recording recording;

  /** The listener the launcher loads: prints the summary to {@code System.out}. */
  public RunReportListener() {
    this(System.out);
  }

  RunReportListener(PrintStream out) {
    this.out = out;
  }

  /**
   * Joins the run's report directory.
   *
   * @throws ConfigurationException if the configuration is invalid, as every testlanes load does
   *     (the launcher logs it; the {@code @TestLanes} classes fail with it)
   */
  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    Settings settings = JunitSettings.load(testPlan.getConfigurationParameters());
    try {
      // Join the run now, not at the end: while this JVM runs, others that start join its run.
      recording =
          settings.report()
              ? new Recording(
                  testPlan,
                  settings,
                  RunDirectory.join(
                      settings, Sessions.of(settings, TestLanesClasses.inPlan(testPlan))))
              : null;
    } catch (IOException | RuntimeException e) {
      recording = null;
      warn("no run report", e);
    }
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    Recording r = recording;
    if (r != null) {
      r.started(id);
    }
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    Recording r = recording;
    if (r != null) {
      r.skipped(id);
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Recording r = recording;
    if (r != null) {
      r.finished(id, Outcome.of(result.getStatus()));
    }
  }

  @Override
  public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
    Recording r = recording;
    if (r != null) {
      r.entry(id, entry);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    Recording r = recording;
    recording = null;
    if (r == null) {
      return;
    }
    try {
      // Read before this run's class times may join it.
      Optional<Baseline> baseline = Timings.baseline(r.settings.timingsFile());
      RunDirectory.Published published = r.publish();
      for (String line :
          ConsoleSummary.lines(published.run(), baseline, published.cpu(), r.run.reportFile())) {
        out.println(line);
      }
    } catch (IOException | RuntimeException e) {
      warn("could not write the run report in " + r.settings.reportDir().toAbsolutePath(), e);
    }
  }

  private static void warn(String what, Exception e) {
    System.err.println("[testlanes] " + what + ": " + e);
  }

  /** What one test plan execution recorded; events may come from several threads. */
  private static final class Recording {
    private final TestPlan plan;
    private final Settings settings;
    private final RunDirectory run;
    private final long start = System.currentTimeMillis();
    private final long pid = ProcessHandle.current().pid();
    private final Map<String, Long> starts = new HashMap<>();
    private final Map<String, Long> laneAt = new HashMap<>();
    private final Map<String, String> lanes = new HashMap<>();
    private final Map<String, Outcome> failedTests = new HashMap<>();
    private final List<ClassRecord> classes = new ArrayList<>();
    private final List<TestRecord> tests = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private final List<ContextRecord> contexts = new ArrayList<>();

    private final Optional<CpuUse.Snapshot> cpuAtStart;

    Recording(TestPlan plan, Settings settings, RunDirectory run) {
      this.plan = plan;
      this.settings = settings;
      this.run = run;
      this.cpuAtStart = CpuUse.Snapshot.now(CpuUse.hostPid(settings));
    }

    /**
     * Adds this JVM's CPU sample to the run's and, if the run so far is {@link RunData#serial()},
     * its class times to the single-worker baseline; returns the run's CPU use so far. Runs under
     * the report directory's lock.
     */
    private Optional<CpuUse.Figures> cpuAndBaseline(RunData data) throws IOException {
      if (data.serial() && !data.timings().isEmpty()) {
        Timings.addToBaseline(settings.timingsFile(), data.asBaseline(Instant.now()));
      }
      // A run that used testlanes reported its services or lanes (its TestRun is closed by now).
      boolean lanes = !data.services().isEmpty() || data.laneCount() > 0;
      Optional<CpuUse.Snapshot> end = CpuUse.Snapshot.now(lanes ? CpuUse.hostPid(settings) : 0);
      if (cpuAtStart.isEmpty() || end.isEmpty()) {
        return Optional.empty();
      }
      CpuUse.write(run.dir(), new CpuUse.Sample(run.runId(), pid, cpuAtStart.get(), end.get()));
      return CpuUse.of(
          CpuUse.read(run.dir(), run.runId()),
          Runtime.getRuntime().availableProcessors(),
          settings.backend());
    }

    synchronized RunDirectory.Published publish() throws IOException {
      return run.publish(
          start,
          System.currentTimeMillis(),
          classes,
          tests,
          phases,
          contexts,
          this::cpuAndBaseline);
    }

    synchronized void started(TestIdentifier id) {
      starts.put(id.getUniqueId(), System.currentTimeMillis());
    }

    synchronized void skipped(TestIdentifier id) {
      long now = System.currentTimeMillis();
      // The tests of a skipped container count as skipped, as JUnit's own summary counts them.
      for (TestIdentifier test : plan.getDescendants(id)) {
        if (test.isTest()) {
          starts.put(test.getUniqueId(), now);
          finished(test, Outcome.SKIPPED);
        }
      }
      starts.put(id.getUniqueId(), now);
      finished(id, Outcome.SKIPPED);
    }

    synchronized void finished(TestIdentifier id, Outcome outcome) {
      long now = System.currentTimeMillis();
      Optional<TestIdentifier> top = topLevelClass(id);
      if (top.isEmpty()) {
        return;
      }
      // Time spent waiting for a free lane is not the test's: a test (class) begins when its lane
      // was reported, i.e. leased and reset, if it was.
      long begin =
          laneAt.getOrDefault(id.getUniqueId(), starts.getOrDefault(id.getUniqueId(), now));
      String className = ((ClassSource) top.get().getSource().orElseThrow()).getClassName();
      if (id.isTest()) {
        tests.add(
            new TestRecord(className, id.getDisplayName(), lane(id), pid, begin, now, outcome));
        if (outcome == Outcome.FAILED) {
          failedTests.put(top.get().getUniqueId(), Outcome.FAILED);
        }
      }
      if (top.get().equals(id)) {
        Outcome worst = outcome.worst(failedTests.getOrDefault(id.getUniqueId(), outcome));
        classes.add(new ClassRecord(className, lane(id), pid, begin, now, worst));
      }
    }

    synchronized void entry(TestIdentifier id, ReportEntry entry) {
      long now = System.currentTimeMillis();
      Map<String, String> values = entry.getKeyValuePairs();
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (e.getKey().equals(ReportEntries.LANE)) {
          lanes.put(id.getUniqueId(), e.getValue().trim());
          laneAt.putIfAbsent(id.getUniqueId(), now);
          topLevelClass(id).ifPresent(top -> laneAt.putIfAbsent(top.getUniqueId(), now));
          continue;
        }
        if (e.getKey().equals(ReportEntries.CONTEXT)) {
          ReportEntries.contextUse(e.getValue())
              .ifPresent(
                  use ->
                      contexts.add(
                          new ContextRecord(
                              className(id), use.configuration(), lane(id), use.created())));
          continue;
        }
        Optional<ReportEntries.PhaseKey> key = ReportEntries.phase(e.getKey());
        Long millis = key.isPresent() ? number(e.getValue()) : null;
        if (key.isEmpty() || millis == null || millis < 0) {
          continue;
        }
        String at = values.get(key.get().endKey());
        Long endAt = at == null ? null : number(at);
        long end = endAt != null ? endAt : now;
        phases.add(new Phase(key.get().kind(), key.get().name(), end - millis, end));
      }
    }

    private static @Nullable Long number(String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    /** The lane reported by the test or its nearest ancestor that reported one. */
    private @Nullable String lane(TestIdentifier id) {
      Optional<TestIdentifier> cur = Optional.of(id);
      while (cur.isPresent()) {
        String lane = lanes.get(cur.get().getUniqueId());
        if (lane != null) {
          return lane;
        }
        cur = plan.getParent(cur.get());
      }
      return null;
    }

    /** The class of {@code id}'s nearest class source (a nested class's own name). */
    private String className(TestIdentifier id) {
      Optional<TestIdentifier> cur = Optional.of(id);
      while (cur.isPresent()) {
        if (cur.get().getSource().orElse(null) instanceof ClassSource cs) {
          return cs.getClassName();
        }
        cur = plan.getParent(cur.get());
      }
      return id.getDisplayName();
    }

    /**
     * The outermost ancestor-or-self whose source is a class, within its test engine: the test
     * class. A suite (JUnit's {@code @Suite}, e.g. one per Surefire fork) runs its classes in an
     * engine of their own, so it is never the test class; nor is a suite one itself.
     */
    private Optional<TestIdentifier> topLevelClass(TestIdentifier id) {
      Optional<TestIdentifier> found = Optional.empty();
      Optional<TestIdentifier> cur = Optional.of(id);
      while (cur.isPresent() && !lastSegmentIs(cur.get(), "engine")) {
        if (cur.get().getSource().orElse(null) instanceof ClassSource
            && !lastSegmentIs(cur.get(), "suite")) {
          found = cur;
        }
        cur = plan.getParent(cur.get());
      }
      return found;
    }

    private static boolean lastSegmentIs(TestIdentifier id, String type) {
      List<UniqueId.Segment> segments = id.getUniqueIdObject().getSegments();
      return segments.get(segments.size() - 1).getType().equals(type);
    }
  }
}

package io.testlanes.junit.internal.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A whole run, merged from the parts of all its JVMs, and the figures the summary and the page
 * show.
 *
 * <p>Definitions: <b>wall time</b> runs from the earliest JVM start or setup phase to the latest
 * JVM end; <b>test time</b> is the sum of the test classes' times, each class from its container's
 * start to its end (what the classes would take one after another); <b>busy lanes on average</b> is
 * the time some test ran in each lane, summed over the lanes, divided by the wall time (test time /
 * wall time for a run without lanes: <b>classes at once on average</b>) — how much of the run's
 * concurrency was used, not a speedup; a lane's <b>utilisation</b> is the part of the test window
 * (first class start to last class end) in which some class ran in it. A run is <b>serial</b> when
 * no two of its test classes and no two of its tests overlapped: its class times are single-worker
 * times.
 */
final class RunData {

  /** A bar on the timeline: one test class (or its tests in one lane) in one row. */
  record Bar(
      String className,
      @Nullable String lane,
      long pid,
      long start,
      long end,
      Outcome outcome,
      int tests,
      int failed) {

    long millis() {
      return end - start;
    }
  }

  /** A row of the timeline: a lane, or the tests of one JVM that reported no lane. */
  record Row(
      String label,
      boolean lane,
      List<Bar> bars,
      List<Phase> prepare,
      long busyMillis,
      double utilisation) {}

  private static final Pattern LANE_NUMBER = Pattern.compile("(.*?)(\\d+)");

  private final String runId;
  private final long start;
  private final long end;
  private final Set<Long> pids;
  private final Map<String, ClassRecord> classes;
  private final List<TestRecord> tests;
  private final List<Phase> services;
  private final List<Phase> lanePhases;
  private final List<Row> rows;
  private final Map<String, ContextCounts> contexts;

  /**
   * How many classes of one configuration got a new application context, and how many reused one.
   */
  record ContextCounts(int created, int reused) {}

  private RunData(String runId, Collection<Part> parts) {
    this.runId = runId;
    long s = Long.MAX_VALUE;
    long e = Long.MIN_VALUE;
    pids = new LinkedHashSet<>();
    Map<String, ClassRecord> latest = new LinkedHashMap<>();
    tests = new ArrayList<>();
    Map<String, Phase> serviceByName = new TreeMap<>();
    Map<String, Phase> laneByName = new TreeMap<>();
    List<Bar> bars = new ArrayList<>();
    Map<String, ContextCounts> contextCounts = new TreeMap<>();
    for (Part part : parts) {
      for (ContextRecord x : part.contexts()) {
        ContextCounts c = contextCounts.getOrDefault(x.configuration(), new ContextCounts(0, 0));
        contextCounts.put(
            x.configuration(),
            x.created()
                ? new ContextCounts(c.created() + 1, c.reused())
                : new ContextCounts(c.created(), c.reused() + 1));
      }
      pids.add(part.pid());
      s = Math.min(s, part.start());
      e = Math.max(e, part.end());
      for (ClassRecord c : part.classes()) {
        ClassRecord before = latest.get(c.className());
        if (before == null || before.end() <= c.end()) {
          latest.put(c.className(), c);
        }
        bars.addAll(bars(c, part.tests()));
      }
      tests.addAll(part.tests());
      for (Phase p : part.phases()) {
        s = Math.min(s, p.start());
        e = Math.max(e, p.end());
        Map<String, Phase> byName = p.kind() == Phase.Kind.SERVICE ? serviceByName : laneByName;
        Phase before = byName.get(p.name());
        if (before == null || before.millis() < p.millis()) {
          byName.put(p.name(), p);
        }
      }
    }
    this.start = s == Long.MAX_VALUE ? 0 : s;
    this.end = Math.max(this.start, e);
    this.classes = latest;
    this.services = List.copyOf(serviceByName.values());
    this.lanePhases = List.copyOf(laneByName.values());
    this.rows = rows(bars, laneByName);
    this.contexts = Collections.unmodifiableMap(contextCounts);
  }

  /** Application contexts by configuration: created for a lane, and reused from the cache. */
  Map<String, ContextCounts> contexts() {
    return contexts;
  }

  /** The run made of {@code parts}. */
  static RunData of(String runId, Collection<Part> parts) {
    return new RunData(runId, parts);
  }

  /** The bars of one class record: one, or one per lane when its tests ran in several lanes. */
  private static List<Bar> bars(ClassRecord c, List<TestRecord> all) {
    List<TestRecord> mine = new ArrayList<>();
    Set<String> lanes = new LinkedHashSet<>();
    if (c.lane() != null) {
      lanes.add(c.lane());
    }
    for (TestRecord t : all) {
      if (t.className().equals(c.className()) && t.start() >= c.start() && t.end() <= c.end()) {
        mine.add(t);
        if (t.lane() != null) {
          lanes.add(t.lane());
        }
      }
    }
    int failed = (int) mine.stream().filter(t -> t.outcome() == Outcome.FAILED).count();
    if (lanes.size() <= 1) {
      String lane = lanes.isEmpty() ? null : lanes.iterator().next();
      return List.of(
          new Bar(
              c.className(), lane, c.pid(), c.start(), c.end(), c.outcome(), mine.size(), failed));
    }
    Map<@Nullable String, List<TestRecord>> byLane = new LinkedHashMap<>();
    for (TestRecord t : mine) {
      byLane.computeIfAbsent(t.lane(), k -> new ArrayList<>()).add(t);
    }
    List<Bar> out = new ArrayList<>();
    for (Map.Entry<@Nullable String, List<TestRecord>> e : byLane.entrySet()) {
      List<TestRecord> ts = e.getValue();
      long s = ts.stream().mapToLong(TestRecord::start).min().orElse(c.start());
      long en = ts.stream().mapToLong(TestRecord::end).max().orElse(c.end());
      Outcome o = Outcome.PASSED;
      int f = 0;
      for (TestRecord t : ts) {
        if (t.outcome() == Outcome.FAILED) {
          o = Outcome.FAILED;
          f++;
        }
      }
      out.add(new Bar(c.className(), e.getKey(), c.pid(), s, en, o, ts.size(), f));
    }
    return out;
  }

  private static List<Row> rows(List<Bar> bars, Map<String, Phase> lanePhases) {
    Map<String, List<Bar>> byRow = new TreeMap<>(RunData::compareLanes);
    Map<String, Boolean> isLane = new LinkedHashMap<>();
    for (String lane : lanePhases.keySet()) {
      byRow.computeIfAbsent(lane, k -> new ArrayList<>());
      isLane.put(lane, true);
    }
    for (Bar b : bars) {
      String key = b.lane() != null ? b.lane() : "~no lane, JVM " + b.pid();
      byRow.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
      isLane.put(key, b.lane() != null);
    }
    long windowStart = bars.stream().mapToLong(Bar::start).min().orElse(0);
    long windowEnd = bars.stream().mapToLong(Bar::end).max().orElse(0);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Bar>> e : byRow.entrySet()) {
      List<Bar> rowBars = new ArrayList<>(e.getValue());
      rowBars.sort(Comparator.comparingLong(Bar::start).thenComparing(Bar::className));
      boolean lane = isLane.getOrDefault(e.getKey(), false);
      String label = lane ? e.getKey() : e.getKey().substring(1);
      Phase prepare = lane ? lanePhases.get(e.getKey()) : null;
      long busy = busy(rowBars);
      double utilisation = windowEnd > windowStart ? (double) busy / (windowEnd - windowStart) : 0;
      rows.add(
          new Row(
              label,
              lane,
              List.copyOf(rowBars),
              prepare == null ? List.of() : List.of(prepare),
              busy,
              utilisation));
    }
    return List.copyOf(rows);
  }

  /** Milliseconds covered by at least one bar. */
  private static long busy(List<Bar> sortedByStart) {
    long total = 0;
    long curStart = Long.MIN_VALUE;
    long curEnd = Long.MIN_VALUE;
    for (Bar b : sortedByStart) {
      if (b.start() > curEnd) {
        if (curEnd > curStart) {
          total += curEnd - curStart;
        }
        curStart = b.start();
        curEnd = b.end();
      } else {
        curEnd = Math.max(curEnd, b.end());
      }
    }
    if (curEnd > curStart) {
      total += curEnd - curStart;
    }
    return total;
  }

  /** Lanes by name with numbers in numeric order ({@code lane_2} before {@code lane_10}). */
  static int compareLanes(String a, String b) {
    Matcher ma = LANE_NUMBER.matcher(a);
    Matcher mb = LANE_NUMBER.matcher(b);
    if (ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))) {
      int c =
          Long.compare(
              Long.parseLong(ma.group(2).substring(0, Math.min(18, ma.group(2).length()))),
              Long.parseLong(mb.group(2).substring(0, Math.min(18, mb.group(2).length()))));
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  }

  String runId() {
    return runId;
  }

  /** Epoch millisecond the run started. */
  long start() {
    return start;
  }

  /** Epoch millisecond the run ended. */
  long end() {
    return end;
  }

  long wallMillis() {
    return end - start;
  }

  /** Sum of the test classes' times. */
  long testMillis() {
    return classes.values().stream().mapToLong(ClassRecord::millis).sum();
  }

  /** Test time / wall time: how many test classes ran at once on average; 0 for an empty run. */
  double classesAtOnce() {
    long wall = wallMillis();
    return wall <= 0 ? 0 : (double) testMillis() / wall;
  }

  /** The lanes tests ran in. */
  long laneCount() {
    return rows.stream().filter(Row::lane).count();
  }

  /**
   * The time some test ran in each lane, summed over the lanes, divided by the wall time: how many
   * of the {@link #laneCount()} lanes were busy on average; 0 for an empty run.
   */
  double busyLanes() {
    long wall = wallMillis();
    long busy = rows.stream().filter(Row::lane).mapToLong(Row::busyMillis).sum();
    return wall <= 0 ? 0 : (double) busy / wall;
  }

  /** Whether no two test classes and no two tests of the run overlapped in time. */
  boolean serial() {
    return !overlap(classes.values(), ClassRecord::start, ClassRecord::end)
        && !overlap(tests, TestRecord::start, TestRecord::end);
  }

  private static <T> boolean overlap(
      Collection<T> spans, ToLongFunction<T> start, ToLongFunction<T> end) {
    List<T> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(start));
    long reached = Long.MIN_VALUE;
    for (T t : sorted) {
      if (start.applyAsLong(t) < reached) {
        return true;
      }
      reached = Math.max(reached, end.applyAsLong(t));
    }
    return false;
  }

  /**
   * This run as a single-worker baseline: the times of its classes that passed, and its wall time
   * beyond its classes' time.
   *
   * @throws IllegalStateException if the run is not {@link #serial()}
   */
  Baseline asBaseline(Instant recorded) {
    if (!serial()) {
      throw new IllegalStateException("only a serial run is a single-worker baseline");
    }
    Map<String, Long> passed = new TreeMap<>();
    for (ClassRecord c : classes.values()) {
      if (c.outcome() == Outcome.PASSED) {
        passed.put(c.className(), c.millis());
      }
    }
    return new Baseline(recorded, Math.max(0, wallMillis() - testMillis()), passed);
  }

  int jvms() {
    return pids.size();
  }

  /** The latest record of each test class, by name. */
  Map<String, ClassRecord> classes() {
    return classes;
  }

  List<TestRecord> tests() {
    return tests;
  }

  long testCount(Outcome outcome) {
    return tests.stream().filter(t -> t.outcome() == outcome).count();
  }

  /** Services' ready phases, by name. */
  List<Phase> services() {
    return services;
  }

  /** Lanes' prepare phases, by name. */
  List<Phase> lanePhases() {
    return lanePhases;
  }

  /** The timeline's rows: lanes in order, then one row per JVM for tests without a lane. */
  List<Row> rows() {
    return rows;
  }

  /** The {@code n} slowest test classes, slowest first (ties by name). */
  List<ClassRecord> slowest(int n) {
    return classes.values().stream()
        .sorted(
            Comparator.comparingLong(ClassRecord::millis)
                .reversed()
                .thenComparing(ClassRecord::className))
        .limit(n)
        .toList();
  }

  /** Each class's time, for the timings file; skipped classes are left out. */
  Map<String, Long> timings() {
    Map<String, Long> out = new TreeMap<>();
    for (ClassRecord c : classes.values()) {
      if (c.outcome() != Outcome.SKIPPED) {
        out.put(c.className(), c.millis());
      }
    }
    return out;
  }
}

package io.testlanes.junit.internal.report;

import io.testlanes.config.Settings;
import io.testlanes.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The report directory shared by the JVMs of one run, and this JVM's place in it.
 *
 * <p>Layout: {@code run.json} names the current run (its session); {@code
 * parts/<pid>-<random>.json} holds what one JVM recorded; {@code timings-at-start.json} is the
 * timings file as it was when the run started; {@code .lock} serialises writers; {@code
 * report.html} is the merged page.
 *
 * <p><b>Which JVMs make one report</b> is decided by the run's service host, not here: the JVMs of
 * one session ({@link io.testlanes.run.TestRun#session()}: concurrent forks, and a build tool's
 * forks that follow each other) write into one report. A JVM whose session differs from the one in
 * {@code run.json} starts a new report: it deletes the old parts, keeps a copy of the timings file
 * as it is now, and writes a new {@code run.json}. A test plan without a {@code @TestLanes} class
 * has no service host, and its JVM reports alone.
 */
final class RunDirectory {
  private static final Map<Path, RunDirectory> JOINED = new HashMap<>();
  private static final ReentrantLock IN_JVM = new ReentrantLock();

  static final String REPORT_FILE = "report.html";
  private static final String MARKER = "run.json";
  private static final String SNAPSHOT = "timings-at-start.json";

  private final Path dir;
  private final Path timingsFile;
  private final String runId;
  private final Path partFile;

  private final List<ClassRecord> classes = new ArrayList<>();
  private final List<TestRecord> tests = new ArrayList<>();
  private final List<Phase> phases = new ArrayList<>();
  private final List<ContextRecord> contexts = new ArrayList<>();
  private long start = Long.MAX_VALUE;
  private long end = Long.MIN_VALUE;

  private RunDirectory(Path dir, Path timingsFile, String runId, Path partFile) {
    this.dir = dir;
    this.timingsFile = timingsFile;
    this.runId = runId;
    this.partFile = partFile;
  }

  /**
   * This JVM's place in the report of {@code session} in {@code settings}' report directory: the
   * same object for every call with the same directory.
   *
   * @throws IOException if the directory cannot be created or locked
   */
  static RunDirectory join(Settings settings, String session) throws IOException {
    Path dir = settings.reportDir().toAbsolutePath().normalize();
    synchronized (JOINED) {
      RunDirectory joined = JOINED.get(dir);
      if (joined == null || !joined.runId.equals(session)) {
        joined = open(dir, settings.timingsFile().toAbsolutePath().normalize(), session);
        JOINED.put(dir, joined);
      }
      return joined;
    }
  }

  private static RunDirectory open(Path dir, Path timingsFile, String session) throws IOException {
    Path parts = Files.createDirectories(dir.resolve("parts"));
    long pid = ProcessHandle.current().pid();
    return locked(
        dir,
        () -> {
          if (!session.equals(readMarker(dir).get("runId"))) {
            startRun(dir, parts, timingsFile, session);
          }
          String name = pid + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
          return new RunDirectory(dir, timingsFile, session, parts.resolve(name + ".json"));
        });
  }

  private static void startRun(Path dir, Path parts, Path timingsFile, String runId)
      throws IOException {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(parts)) {
      for (Path p : old) {
        Files.deleteIfExists(p);
      }
    }
    Path snapshot = dir.resolve(SNAPSHOT);
    if (Files.isRegularFile(timingsFile)) {
      Files.copy(timingsFile, snapshot, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.deleteIfExists(snapshot);
    }
    Map<String, @Nullable Object> marker = new LinkedHashMap<>();
    marker.put("runId", runId);
    marker.put("started", Instant.now().toString());
    AtomicFiles.write(dir.resolve(MARKER), Json.write(marker) + "\n");
  }

  private static Map<String, @Nullable Object> readMarker(Path dir) throws IOException {
    try {
      return new LinkedHashMap<>(
          Json.parseObject(Files.readString(dir.resolve(MARKER), StandardCharsets.UTF_8)));
    } catch (NoSuchFileException | IllegalArgumentException e) {
      return Map.of();
    }
  }

  /** What {@link #locked} runs. */
  interface IoAction<T> {
    T run() throws IOException;
  }

  /** Runs {@code action} while holding the directory's lock, against this and other JVMs. */
  static <T> T locked(Path dir, IoAction<T> action) throws IOException {
    Files.createDirectories(dir);
    IN_JVM.lock();
    try (FileChannel ch =
            FileChannel.open(
                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      return action.run();
    } finally {
      IN_JVM.unlock();
    }
  }

  String runId() {
    return runId;
  }

  Path dir() {
    return dir;
  }

  Path reportFile() {
    return dir.resolve(REPORT_FILE);
  }

  /** What a JVM adds to the run once the parts are merged, under the directory's lock. */
  interface Finish {
    /** Adds what this JVM measured of {@code run}; returns the run's CPU use so far. */
    Optional<CpuUse.Figures> apply(RunData run) throws IOException;
  }

  /** The merged run, and its CPU use so far where it was measured. */
  record Published(RunData run, Optional<CpuUse.Figures> cpu) {}

  /**
   * Adds one test plan execution's records to this JVM's part, then, holding the directory's lock,
   * writes the part, merges the parts of the run, writes the timings, runs {@code finish} and
   * writes the page.
   */
  Published publish(
      long executionStart,
      long executionEnd,
      List<ClassRecord> newClasses,
      List<TestRecord> newTests,
      List<Phase> newPhases,
      List<ContextRecord> newContexts,
      Finish finish)
      throws IOException {
    Part part;
    synchronized (this) {
      start = Math.min(start, executionStart);
      end = Math.max(end, executionEnd);
      classes.addAll(newClasses);
      tests.addAll(newTests);
      phases.addAll(newPhases);
      contexts.addAll(newContexts);
      part =
          new Part(
              runId, ProcessHandle.current().pid(), start, end, classes, tests, phases, contexts);
    }
    return locked(
        dir,
        () -> {
          AtomicFiles.write(partFile, part.toJson());
          RunData run = RunData.of(runId, readParts());
          Map<String, Long> timings = new TreeMap<>(timingsAtStart());
          timings.putAll(run.timings());
          Timings.write(timingsFile, timings);
          Optional<CpuUse.Figures> cpu = finish.apply(run);
          AtomicFiles.write(reportFile(), HtmlReport.render(run, cpu));
          return new Published(run, cpu);
        });
  }

  /**
   * The timings as they were when the run started; empty if there were none or they cannot be read.
   * Every JVM of the run, and so every shard filter, sees the same timings even while finished JVMs
   * update the timings file.
   */
  Map<String, Long> timingsAtStart() {
    try {
      return Timings.read(dir.resolve(SNAPSHOT));
    } catch (RuntimeException e) {
      System.err.println("[testlanes] ignoring the timings: " + e.getMessage());
      return Map.of();
    }
  }

  private List<Part> readParts() throws IOException {
    List<Part> parts = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("parts"), "*.json")) {
      for (Path file : files) {
        try {
          Part p = Part.fromJson(Files.readString(file, StandardCharsets.UTF_8));
          if (p.runId().equals(runId)) {
            parts.add(p);
          }
        } catch (IllegalArgumentException | NoSuchFileException e) {
          System.err.println("[testlanes] skipping report part " + file + ": " + e.getMessage());
        }
      }
    }
    parts.sort(java.util.Comparator.comparingLong(Part::start).thenComparingLong(Part::pid));
    return parts;
  }
}

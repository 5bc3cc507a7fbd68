package io.testlanes.benchmarks;

import io.testlanes.run.RunProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Samples {@code /proc} while a scenario runs: CPU time and resident memory of the test JVMs it
 * launched (the roots) and of everything they started (the run host, Postgres, Redis, Cassandra),
 * plus the processes of Docker containers created after the scenario began (descendants of a {@code
 * containerd-shim} that started after it). Each process is put in a {@link Group} by its command
 * line when it is first seen.
 *
 * <p>CPU: each process's own last sampled {@code utime+stime} counts in its group; the part of its
 * {@code cutime+cstime} (children it reaped) that no tracked child accounts for (children that
 * lived between two samples) counts in its group too. The last interval of each process's life is
 * lost (at most {@link #INTERVAL}). Memory: the peak over samples of the summed RSS of the test
 * JVMs and of everything else; shared pages (Postgres's shared buffers) count once per process, so
 * the service figure is an upper bound. The machine's busy time over the sampler's life gives the
 * CPU that other processes used meanwhile.
 */
final class ProcessSampler implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(200);
  private static final long TICKS = 100; // USER_HZ on Linux
  private static final long PAGE = 4096;

  /** Where a process's CPU time counts. */
  enum Group {
    TEST_JVMS,
    HOST,
    POSTGRES,
    REDIS,
    CASSANDRA,
    OTHER;

    /**
     * The group of a process: a root is a test JVM; the others as {@link RunProcesses} tells them
     * by their command line ({@code cmdline} with NULs as spaces) and {@code comm}.
     */
    static Group of(boolean root, String comm, String cmdline) {
      if (root) {
        return TEST_JVMS;
      }
      if (RunProcesses.isHost(cmdline)) {
        return HOST;
      }
      return RunProcesses.service(comm, cmdline).map(s -> valueOf(s.name())).orElse(OTHER);
    }
  }

  private final Set<Long> roots = new HashSet<>();
  private final Map<Long, Proc> tracked = new HashMap<>();
  private final long startTicks;
  private final long machineBusyAtStart;
  private long machineBusyAtEnd;
  private final Thread thread;
  private volatile boolean stop;
  private long peakTestRss;
  private long peakServiceRss;

  /** One process as last seen. */
  private static final class Proc {
    final Group group;
    long ppid;
    long own; // utime + stime, ticks
    long children; // cutime + cstime: children it reaped
    boolean gone;
    boolean reapedByTracked;

    Proc(Group group) {
      this.group = group;
    }
  }

  record Stat(
      long pid, long ppid, String comm, long own, long children, long startTicks, long rss) {}

  ProcessSampler() {
    this.startTicks = uptimeTicks();
    this.machineBusyAtStart = machineBusyTicks();
    this.machineBusyAtEnd = machineBusyAtStart;
    this.thread = new Thread(this::loop, "process-sampler");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  synchronized void addRoot(long pid) {
    roots.add(pid);
  }

  private void loop() {
    while (!stop) {
      sample();
      try {
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  synchronized void sample() {
    Map<Long, Stat> all = readAll();
    for (Stat s : all.values()) {
      if (!tracked.containsKey(s.pid()) && belongs(s, all)) {
        boolean root = roots.contains(s.pid());
        tracked.put(s.pid(), new Proc(Group.of(root, s.comm(), root ? "" : cmdline(s.pid()))));
      }
    }
    long testRss = 0;
    long serviceRss = 0;
    for (Map.Entry<Long, Proc> e : tracked.entrySet()) {
      Proc p = e.getValue();
      Stat s = all.get(e.getKey());
      if (s == null) {
        if (!p.gone) {
          p.gone = true;
          Proc parent = tracked.get(p.ppid);
          p.reapedByTracked = parent != null && !parent.gone && all.containsKey(p.ppid);
        }
        continue;
      }
      p.ppid = s.ppid();
      p.own = s.own();
      p.children = s.children();
      if (p.group == Group.TEST_JVMS) {
        testRss += s.rss();
      } else {
        serviceRss += s.rss();
      }
    }
    peakTestRss = Math.max(peakTestRss, testRss);
    peakServiceRss = Math.max(peakServiceRss, serviceRss);
  }

  /** A descendant of a root, or of a container shim started after this sampler. */
  private boolean belongs(Stat s, Map<Long, Stat> all) {
    if (roots.contains(s.pid())) {
      return true;
    }
    Stat cur = s;
    for (int depth = 0; depth < 64; depth++) {
      Stat parent = all.get(cur.ppid());
      if (parent == null) {
        return false;
      }
      if (roots.contains(parent.pid()) || tracked.containsKey(parent.pid())) {
        return true;
      }
      if (parent.comm().startsWith("containerd-shim") && parent.startTicks() >= startTicks) {
        return true;
      }
      cur = parent;
    }
    return false;
  }

  /** CPU seconds by group. */
  synchronized CpuSeconds cpu() {
    Map<Long, Long> accounted = new HashMap<>();
    for (Proc p : tracked.values()) {
      if (p.reapedByTracked) {
        accounted.merge(p.ppid, p.own + p.children, Long::sum);
      }
    }
    Map<Group, Long> ticks = new EnumMap<>(Group.class);
    for (Map.Entry<Long, Proc> e : tracked.entrySet()) {
      Proc p = e.getValue();
      long unseenChildren = Math.max(0, p.children - accounted.getOrDefault(e.getKey(), 0L));
      ticks.merge(p.group, p.own + unseenChildren, Long::sum);
    }
    return new CpuSeconds(
        seconds(ticks, Group.TEST_JVMS),
        seconds(ticks, Group.HOST),
        seconds(ticks, Group.POSTGRES),
        seconds(ticks, Group.REDIS),
        seconds(ticks, Group.CASSANDRA),
        seconds(ticks, Group.OTHER));
  }

  /** CPU seconds the whole machine was busy from this sampler's start to its close. */
  synchronized double machineBusySeconds() {
    return (machineBusyAtEnd - machineBusyAtStart) / (double) TICKS;
  }

  private static double seconds(Map<Group, Long> ticks, Group g) {
    return ticks.getOrDefault(g, 0L) / (double) TICKS;
  }

  synchronized long peakTestRssMb() {
    return peakTestRss / (1024 * 1024);
  }

  synchronized long peakServiceRssMb() {
    return peakServiceRss / (1024 * 1024);
  }

  @Override
  public void close() {
    stop = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
    synchronized (this) {
      machineBusyAtEnd = machineBusyTicks();
    }
  }

  private static Map<Long, Stat> readAll() {
    Map<Long, Stat> all = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path d : dirs) {
        Stat s = read(d.resolve("stat"));
        if (s != null) {
          all.put(s.pid(), s);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not list /proc: " + e.getMessage(), e);
    }
    return all;
  }

  /** Parses one {@code /proc/<pid>/stat}; null if the process is gone. */
  static @Nullable Stat read(Path statFile) {
    String line;
    try {
      line = Files.readString(statFile);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null; // exited between listing and reading
    }
    return parse(line);
  }

  static @Nullable Stat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    long pid = Long.parseLong(line.substring(0, open).trim());
    String comm = line.substring(open + 1, close);
    String[] f = line.substring(close + 2).split(" ");
    // f[0] = state (field 3); field n is f[n - 3]
    long ppid = Long.parseLong(f[1]);
    long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
    long start = Long.parseLong(f[19]);
    long rss = Long.parseLong(f[21]) * PAGE;
    return new Stat(pid, ppid, comm, own, children, start, rss);
  }

  /** The command line of {@code pid}, arguments separated by spaces; empty if it is gone. */
  private static String cmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return ""; // exited meanwhile: its group is OTHER, its CPU is still counted
    }
  }

  /** The machine's busy CPU time so far: all of {@code /proc/stat}'s cpu line but idle, iowait. */
  private static long machineBusyTicks() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long busy = 0;
      // user nice system idle iowait irq softirq steal (guest times are within user and nice)
      for (int i = 1; i <= 8 && i < f.length; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException e) {
      throw new IllegalStateException("could not read /proc/stat: " + e.getMessage(), e);
    }
  }

  private static long uptimeTicks() {
    try {
      String s = Files.readString(Path.of("/proc/uptime")).trim().split(" ")[0];
      return (long) (Double.parseDouble(s) * TICKS);
    } catch (IOException e) {
      throw new IllegalStateException("could not read /proc/uptime: " + e.getMessage(), e);
    }
  }
}

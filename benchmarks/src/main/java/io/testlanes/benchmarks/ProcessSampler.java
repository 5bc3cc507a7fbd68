package io.testlanes.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Samples {@code /proc} while a scenario runs: CPU time and resident memory of the test JVMs it
 * launched (the roots) and of everything they started (the run host, Postgres, Redis, Cassandra),
 * plus the processes of Docker containers created after the scenario began (descendants of a {@code
 * containerd-shim} that started after it).
 *
 * <p>CPU: for each process its last sampled {@code utime+stime+cutime+cstime}; a process that
 * exited while its tracked parent lived is subtracted again, since the parent's {@code cutime}
 * counts it once reaped. The last interval of each process's life is lost (at most {@link
 * #INTERVAL}). Memory: the peak over samples of the summed RSS per group; shared pages (Postgres's
 * shared buffers) count once per process, so the service figure is an upper bound.
 */
final class ProcessSampler implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(200);
  private static final long TICKS = 100; // USER_HZ on Linux
  private static final long PAGE = 4096;

  private final Set<Long> roots = new HashSet<>();
  private final Map<Long, Proc> tracked = new HashMap<>();
  private final long startTicks;
  private final Thread thread;
  private volatile boolean stop;
  private long peakTestRss;
  private long peakServiceRss;

  /** One process as last seen. */
  private static final class Proc {
    final boolean root;
    long ppid;
    long cpu; // own + reaped children, ticks
    boolean gone;
    boolean reapedByTracked;

    Proc(boolean root) {
      this.root = root;
    }
  }

  private record Stat(long pid, long ppid, String comm, long cpu, long startTicks, long rss) {}

  ProcessSampler() {
    this.startTicks = uptimeTicks();
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
        tracked.put(s.pid(), new Proc(roots.contains(s.pid())));
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
      p.cpu = s.cpu();
      if (p.root) {
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

  /** CPU seconds of the test JVMs and of the services (everything else tracked). */
  synchronized double[] cpuSeconds() {
    long test = 0;
    long service = 0;
    for (Proc p : tracked.values()) {
      long c = p.reapedByTracked ? 0 : p.cpu;
      if (p.root) {
        test += c;
      } else {
        service += c;
      }
    }
    return new double[] {test / (double) TICKS, service / (double) TICKS};
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
    long cpu =
        Long.parseLong(f[11])
            + Long.parseLong(f[12])
            + Long.parseLong(f[13])
            + Long.parseLong(f[14]);
    long start = Long.parseLong(f[19]);
    long rss = Long.parseLong(f[21]) * PAGE;
    return new Stat(pid, ppid, comm, cpu, start, rss);
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

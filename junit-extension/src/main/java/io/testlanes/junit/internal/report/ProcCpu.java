package io.testlanes.junit.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * CPU time from Linux's {@code /proc}: of one process, of a process and its descendants, and of the
 * whole machine. Times in milliseconds; {@code /proc} counts in clock ticks of 10 ms ({@code
 * USER_HZ} is 100 on every Linux architecture testlanes runs on).
 */
final class ProcCpu {
  private static final long MILLIS_PER_TICK = 10;
  private static final Path PROC = Path.of("/proc");

  private ProcCpu() {}

  /** The machine's CPU time so far: busy and total, over all its CPUs, and how many CPUs. */
  record Machine(long busyMillis, long totalMillis, int cpus) {}

  /**
   * CPU time of process {@code pid} so far: its own user and system time plus that of its children
   * it waited for (so a service's finished worker processes count too). Empty if it is gone or
   * there is no {@code /proc}.
   */
  static OptionalLong process(long pid) {
    String stat;
    try {
      stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    // "pid (command) state ppid ...": the command may hold spaces and parentheses.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    if (f.length < 15) {
      return OptionalLong.empty();
    }
    // Fields 14 to 17 of proc(5): utime, stime, cutime, cstime; f[0] is field 3.
    long ticks = 0;
    for (int i = 11; i <= 14; i++) {
      ticks += Long.parseLong(f[i]);
    }
    return OptionalLong.of(ticks * MILLIS_PER_TICK);
  }

  /** CPU time of process {@code pid} and all its live descendants; empty if it is gone. */
  static OptionalLong tree(long pid) {
    OptionalLong root = process(pid);
    if (root.isEmpty()) {
      return root;
    }
    long sum =
        root.getAsLong()
            + ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .mapToLong(d -> process(d.pid()).orElse(0))
                .sum();
    return OptionalLong.of(sum);
  }

  /** The machine's CPU time so far, from {@code /proc/stat}; empty without it. */
  static Optional<Machine> machine() {
    List<String> lines;
    try {
      lines = Files.readAllLines(PROC.resolve("stat"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("cpu ")) {
      return Optional.empty();
    }
    // cpu user nice system idle iowait irq softirq steal ...
    String[] f = lines.get(0).substring(4).trim().split("\\s+");
    if (f.length < 8) {
      return Optional.empty();
    }
    long[] v = new long[8];
    for (int i = 0; i < 8; i++) {
      v[i] = Long.parseLong(f[i]);
    }
    long idle = v[3] + v[4];
    long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
    int cpus = (int) lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
    return Optional.of(new Machine(busy * MILLIS_PER_TICK, (busy + idle) * MILLIS_PER_TICK, cpus));
  }
}

package io.testlanes.junit.internal.report;

import io.testlanes.config.Service;
import io.testlanes.run.RunProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * CPU time from Linux's {@code /proc}: of one process, of a run's service host and its descendants
 * (each embedded service apart), and of the whole machine. Times in milliseconds; {@code /proc}
 * counts in clock ticks of 10 ms ({@code USER_HZ} is 100 on every Linux architecture testlanes runs
 * on).
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

  /**
   * CPU time of a run's service host and its parts so far.
   *
   * @param hostMillis the host's own, with the children it waited for (a finished {@code initdb})
   *     and its live children that run no service (its watchdog), with their descendants
   * @param serviceMillis each embedded service's: the host's child that runs it, with all its
   *     descendants (a PostgreSQL server with its backends); only the services that run
   */
  record HostTree(long hostMillis, Map<Service, Long> serviceMillis) {
    /** No host. */
    static final HostTree NONE = new HostTree(0, Map.of());

    HostTree {
      serviceMillis =
          serviceMillis.isEmpty()
              ? Map.of()
              : Collections.unmodifiableMap(new EnumMap<>(serviceMillis));
    }

    /** The host's and the services' together. */
    long totalMillis() {
      return hostMillis + serviceMillis.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What each part used since {@code before}; a service that did not run then used all it has,
     * and a part never counts less than nothing (a service that was started anew).
     */
    HostTree since(HostTree before) {
      Map<Service, Long> services = new EnumMap<>(Service.class);
      serviceMillis.forEach(
          (s, ms) -> services.put(s, Math.max(0, ms - before.serviceMillis.getOrDefault(s, 0L))));
      return new HostTree(Math.max(0, hostMillis - before.hostMillis), services);
    }
  }

  /**
   * CPU time of process {@code pid} and all its live descendants, each child of it that {@link
   * RunProcesses} knows as an embedded service counted apart, with its descendants; empty if the
   * process is gone.
   */
  static Optional<HostTree> host(long pid) {
    OptionalLong own = process(pid);
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (own.isEmpty() || handle.isEmpty()) {
      return Optional.empty();
    }
    long host = own.getAsLong();
    Map<Service, Long> services = new EnumMap<>(Service.class);
    for (ProcessHandle child : handle.get().children().toList()) {
      long millis =
          process(child.pid()).orElse(0)
              + child.descendants().mapToLong(d -> process(d.pid()).orElse(0)).sum();
      Optional<Service> service = RunProcesses.service(comm(child.pid()), cmdline(child.pid()));
      if (service.isPresent()) {
        services.merge(service.get(), millis, Long::sum);
      } else {
        host += millis;
      }
    }
    return Optional.of(new HostTree(host, services));
  }

  /** The command name of {@code pid}; empty if it is gone. */
  private static String comm(long pid) {
    try {
      return Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm")).strip();
    } catch (IOException e) {
      return ""; // gone meanwhile: it counts for the host
    }
  }

  /** The command line of {@code pid}, arguments separated by spaces; empty if it is gone. */
  private static String cmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return ""; // gone meanwhile: it counts for the host
    }
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

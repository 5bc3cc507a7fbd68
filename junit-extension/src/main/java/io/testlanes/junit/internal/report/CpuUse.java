package io.testlanes.junit.internal.report;

import io.testlanes.config.Backend;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.json.Json;
import io.testlanes.run.RunStatus;
import io.testlanes.run.TestRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The CPU a run used, as a share of the machine's cores, so that a user sees whether more workers
 * can help: the CPU time of each test JVM while its tests ran, and of the run's service host and of
 * each embedded service apart (the embedded services are its children, told apart by {@link
 * io.testlanes.run.RunProcesses}; containers and external servers are not, and are not counted),
 * read from {@code /proc}; and, where this JVM may use every CPU of the machine, how busy the whole
 * machine was.
 *
 * <p>Each JVM of a run writes one {@link Sample} into {@code cpu/} of the report directory when its
 * tests end; the summary adds up the samples of the run.
 */
final class CpuUse {
  private static final String DIR = "cpu";

  private CpuUse() {}

  /**
   * What one JVM read at one moment, times in milliseconds.
   *
   * @param at epoch millisecond
   * @param jvmMillis this JVM's CPU time so far
   * @param hostPid the run's service host, 0 if none was known
   * @param host CPU time of the host and of each embedded service so far, none without a host
   * @param machine the machine's CPU time so far
   */
  record Snapshot(
      long at, long jvmMillis, long hostPid, ProcCpu.HostTree host, ProcCpu.Machine machine) {

    /** Now, for the host {@code hostPid} (0: none); empty without {@code /proc}. */
    static Optional<Snapshot> now(long hostPid) {
      OptionalLong jvm = ProcCpu.process(ProcessHandle.current().pid());
      Optional<ProcCpu.Machine> machine = ProcCpu.machine();
      if (jvm.isEmpty() || machine.isEmpty()) {
        return Optional.empty();
      }
      Optional<ProcCpu.HostTree> host = hostPid == 0 ? Optional.empty() : ProcCpu.host(hostPid);
      return Optional.of(
          new Snapshot(
              System.currentTimeMillis(),
              jvm.getAsLong(),
              host.isPresent() ? hostPid : 0,
              host.orElse(ProcCpu.HostTree.NONE),
              machine.get()));
    }
  }

  /** One JVM's snapshots at the start and at the end of its tests. */
  record Sample(String runId, long pid, Snapshot start, Snapshot end) {}

  /**
   * A run's CPU use.
   *
   * @param windowMillis from the first JVM's start to the last JVM's end
   * @param cores the CPUs this JVM may use
   * @param jvmMillis CPU time of the test JVMs in their windows
   * @param host CPU time of the service host and of each embedded service in the window; none
   *     without a host
   * @param backend where the services were: only the embedded ones are the host's children
   * @param machineBusy the share of the machine's CPU time that was busy in the window, when this
   *     JVM may use every CPU of the machine
   */
  record Figures(
      long windowMillis,
      int cores,
      long jvmMillis,
      ProcCpu.HostTree host,
      Backend backend,
      OptionalDouble machineBusy) {

    /** Cores busy on average with the run's processes. */
    double busyCores() {
      return busy(jvmMillis + host.totalMillis());
    }

    /** Cores busy on average with {@code cpuMillis} of CPU time in the window. */
    double busy(long cpuMillis) {
      return windowMillis <= 0 ? 0 : (double) cpuMillis / windowMillis;
    }
  }

  /** The figures of {@code samples} (one run's), on a machine with {@code cores}. */
  static Optional<Figures> of(Collection<Sample> samples, int cores, Backend backend) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    Sample first =
        samples.stream().min(Comparator.comparingLong(s -> s.start().at())).orElseThrow();
    Sample last = samples.stream().max(Comparator.comparingLong(s -> s.end().at())).orElseThrow();
    long jvm = samples.stream().mapToLong(s -> s.end().jvmMillis() - s.start().jvmMillis()).sum();
    ProcCpu.HostTree host = ProcCpu.HostTree.NONE;
    if (last.end().hostPid() != 0) {
      // A host not known to the run's first JVM at its start was born during the run.
      ProcCpu.HostTree before =
          first.start().hostPid() == last.end().hostPid()
              ? first.start().host()
              : ProcCpu.HostTree.NONE;
      host = last.end().host().since(before);
    }
    ProcCpu.Machine from = first.start().machine();
    ProcCpu.Machine to = last.end().machine();
    long total = to.totalMillis() - from.totalMillis();
    OptionalDouble machine =
        to.cpus() == cores && total > 0
            ? OptionalDouble.of((double) (to.busyMillis() - from.busyMillis()) / total)
            : OptionalDouble.empty();
    return Optional.of(
        new Figures(
            last.end().at() - first.start().at(), cores, Math.max(0, jvm), host, backend, machine));
  }

  /**
   * The pid of the service host of {@code settings}' run: the one this JVM is attached to, else the
   * only one of the project; 0 if there is none or it cannot be asked.
   */
  static long hostPid(Settings settings) {
    List<RunStatus> hosts;
    try {
      hosts = TestRun.status(settings, false);
    } catch (RuntimeException e) {
      return 0; // no host to ask: its CPU is not counted
    }
    long self = ProcessHandle.current().pid();
    for (RunStatus h : hosts) {
      if (h.clients().containsKey(self)) {
        return h.hostPid();
      }
    }
    return hosts.size() == 1 ? hosts.get(0).hostPid() : 0;
  }

  /** Writes {@code sample} into {@code reportDir}, removing the samples of other runs. */
  static void write(Path reportDir, Sample sample) throws IOException {
    Path dir = Files.createDirectories(reportDir.resolve(DIR));
    for (Map.Entry<Path, Sample> old : all(dir).entrySet()) {
      if (!old.getValue().runId().equals(sample.runId())) {
        Files.deleteIfExists(old.getKey());
      }
    }
    String name = sample.pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    AtomicFiles.write(dir.resolve(name + ".json"), toJson(sample));
  }

  /** The samples of run {@code runId} in {@code reportDir}. */
  static List<Sample> read(Path reportDir, String runId) throws IOException {
    List<Sample> out = new ArrayList<>();
    for (Sample s : all(reportDir.resolve(DIR)).values()) {
      if (s.runId().equals(runId)) {
        out.add(s);
      }
    }
    return out;
  }

  private static Map<Path, Sample> all(Path dir) throws IOException {
    Map<Path, Sample> out = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        try {
          out.put(f, fromJson(Files.readString(f, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | NoSuchFileException e) {
          Files.deleteIfExists(f); // not a sample (or gone): nothing to keep
        }
      }
    }
    return out;
  }

  static String toJson(Sample s) {
    Map<String, @Nullable Object> root = new LinkedHashMap<>();
    root.put("version", 2);
    root.put("runId", s.runId());
    root.put("pid", s.pid());
    root.put("start", snapshot(s.start()));
    root.put("end", snapshot(s.end()));
    return Json.write(root) + "\n";
  }

  private static Map<String, Object> snapshot(Snapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", s.at());
    m.put("jvmMs", s.jvmMillis());
    m.put("hostPid", s.hostPid());
    m.put("hostMs", s.host().hostMillis());
    Map<String, Object> services = new LinkedHashMap<>();
    s.host().serviceMillis().forEach((service, ms) -> services.put(service.id(), ms));
    m.put("servicesMs", services);
    m.put("machineBusyMs", s.machine().busyMillis());
    m.put("machineTotalMs", s.machine().totalMillis());
    m.put("machineCpus", s.machine().cpus());
    return m;
  }

  /**
   * Reads a sample written by {@link #toJson}.
   *
   * @throws IllegalArgumentException if {@code json} is not one
   */
  static Sample fromJson(String json) {
    Map<String, @Nullable Object> root = new LinkedHashMap<>(Json.parseObject(json));
    if (!(root.get("runId") instanceof String runId)) {
      throw new IllegalArgumentException("no runId");
    }
    return new Sample(
        runId, number(root, "pid"), snapshot(root.get("start")), snapshot(root.get("end")));
  }

  private static Snapshot snapshot(@Nullable Object o) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("expected a snapshot object, found " + o);
    }
    Map<Service, Long> services = new EnumMap<>(Service.class);
    if (!(m.get("servicesMs") instanceof Map<?, ?> byId)) {
      throw new IllegalArgumentException("expected an object at 'servicesMs'");
    }
    for (Service service : Service.values()) {
      if (byId.containsKey(service.id())) {
        services.put(service, number(byId, service.id()));
      }
    }
    return new Snapshot(
        number(m, "at"),
        number(m, "jvmMs"),
        number(m, "hostPid"),
        new ProcCpu.HostTree(number(m, "hostMs"), services),
        new ProcCpu.Machine(
            number(m, "machineBusyMs"),
            number(m, "machineTotalMs"),
            (int) number(m, "machineCpus")));
  }

  private static long number(Map<?, ?> m, String key) {
    if (m.get(key) instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("expected a number at '" + key + "', found " + m.get(key));
  }
}

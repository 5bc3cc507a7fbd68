package io.testlanes.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a run leaves on this machine: the processes of its services, its data root (on tmpfs), its
 * host's socket, and the System V shared memory segments its servers created. For the tests of
 * crashes and kills, in this module and (through the test jar) in the extension's.
 *
 * @param runDir the run's directory
 * @param dataRoot its services' data root
 */
public record RunLeftovers(RunDirectory runDir, Path dataRoot) {

  /**
   * Service processes of this run: those whose working directory or command line is in its data
   * directory (Redis rewrites its command line), without their children (Postgres backends).
   */
  public List<ProcessHandle> serviceProcesses() {
    String root = dataRoot.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> ofThisRun(p, root))
        .filter(p -> p.parent().map(pp -> !ofThisRun(pp, root)).orElse(true))
        .collect(Collectors.toList());
  }

  /** Every process of this run's services, children included (Postgres backends). */
  public List<ProcessHandle> allServiceProcesses() {
    String root = dataRoot.toString();
    return ProcessHandle.allProcesses().filter(p -> ofThisRun(p, root)).toList();
  }

  /** The process of {@code service} of this run (the Postgres postmaster, not a backend). */
  public ProcessHandle service(Service service) {
    String program =
        switch (service) {
          case POSTGRES -> "postgres";
          case REDIS -> "redis-server";
          case CASSANDRA -> "java";
        };
    List<ProcessHandle> found =
        serviceProcesses().stream()
            .filter(
                p ->
                    p.info()
                        .command()
                        .map(c -> Path.of(c).getFileName().toString().equals(program))
                        .orElse(false))
            .toList();
    assertThat(found).as("the %s process of run %s", service.id(), runDir.runId()).hasSize(1);
    return found.get(0);
  }

  private static boolean ofThisRun(ProcessHandle p, String root) {
    // The watchdog's own helpers (bash, sleep, rm -rf of the data directory) are not services.
    if (p.info().command().map(c -> c.matches(".*/(bash|sh|rm|sleep|kill|ipcrm)")).orElse(false)) {
      return false;
    }
    if (p.info().commandLine().map(c -> c.contains(root)).orElse(false)) {
      return true;
    }
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))
          .toString()
          .startsWith(root);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** The System V shared memory segments now, as {@code /proc/sysvipc/shm} lists them. */
  public static List<String> sharedMemorySegments() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("/proc/sysvipc/shm"));
    return lines.subList(1, lines.size()).stream().map(String::trim).toList();
  }

  /**
   * Segments whose creator (cpid, the fifth column) is one of {@code pids}, made since this JVM
   * started (ctime, the fourteenth column): pids are reused, and a segment an earlier crash left on
   * the machine may name one of this run's pids as its creator.
   */
  public static List<String> sharedMemorySegmentsCreatedBy(Collection<Long> pids)
      throws IOException {
    long since =
        ProcessHandle.current().info().startInstant().map(i -> i.getEpochSecond()).orElse(0L);
    return sharedMemorySegments().stream()
        .map(l -> l.split("\\s+"))
        .filter(f -> pids.contains(Long.parseLong(f[4])) && Long.parseLong(f[13]) >= since)
        .map(f -> String.join(" ", f))
        .toList();
  }

  /**
   * Waits up to {@code timeout} until nothing of the run is left: no service process, no data root,
   * no socket, no segment created by {@code pids} (the run's servers, recorded while they ran).
   * Returns how long that took.
   */
  public Duration awaitNothingLeft(Set<Long> pids, Duration timeout) throws Exception {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    while (System.nanoTime() < deadline && !nothingLeft(pids)) {
      Thread.sleep(50);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(allServiceProcesses()).as("service processes of run " + runDir.runId()).isEmpty();
    assertThat(pids.stream().map(ProcessHandle::of).flatMap(Optional::stream))
        .as("the run's servers")
        .noneMatch(ProcessHandle::isAlive);
    assertThat(dataRoot).as("the run's data root").doesNotExist();
    assertThat(runDir.socket()).as("the host's socket").doesNotExist();
    assertThat(sharedMemorySegmentsCreatedBy(pids)).as("SysV segments of the run").isEmpty();
    return took;
  }

  private boolean nothingLeft(Set<Long> pids) throws IOException {
    return allServiceProcesses().isEmpty()
        && pids.stream()
            .map(ProcessHandle::of)
            .flatMap(Optional::stream)
            .noneMatch(ProcessHandle::isAlive)
        && !Files.exists(dataRoot)
        && !Files.exists(runDir.socket())
        && sharedMemorySegmentsCreatedBy(pids).isEmpty();
  }

  /** The pids of the run's service processes now, children included. */
  public Set<Long> pids() {
    return allServiceProcesses().stream()
        .map(ProcessHandle::pid)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Removes the run directory (lock files, log) once its host is gone. */
  public void deleteRunDirectory() throws IOException {
    if (!Files.exists(runDir.path())) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(runDir.path())) {
      walk.sorted(Comparator.reverseOrder()).forEach(all::add);
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}

package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.process.ProcFiles;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Helpers for the tests of the embedded Postgres and Redis: directories, settings, processes. */
final class EmbeddedServerFixtures {
  private EmbeddedServerFixtures() {}

  /** One cache shared by all test classes, so that binaries are extracted once. */
  static Path sharedCache() {
    return Path.of("target", "testlanes-cache").toAbsolutePath();
  }

  /** A fresh data root on tmpfs when there is one; delete it with {@link #deleteTree}. */
  static Path newDataRoot() throws IOException {
    Path shm = Path.of("/dev/shm");
    Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of("target");
    Path root = base.resolve("testlanes-test-" + UUID.randomUUID().toString().substring(0, 8));
    Files.createDirectories(root);
    return root.toAbsolutePath();
  }

  static Settings settings(Map<String, String> values) {
    return Settings.load(List.of(ConfigSource.of("test", values)));
  }

  static StartContext context(Settings settings, Path dataRoot, Watchdog watchdog, int lanes) {
    return new StartContext(settings, dataRoot, sharedCache(), watchdog, lanes);
  }

  static void deleteTree(Path dir) throws IOException {
    CacheDirs.deleteTree(dir);
  }

  /** Whether {@code pid} runs (a zombie, which the container's init may never reap, does not). */
  static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
      String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return !state.equals("Z") && !state.equals("X");
    } catch (IOException e) {
      return false;
    }
  }

  /** Command lines of running processes whose command line contains {@code text}. */
  static List<String> processesMentioning(String text) throws IOException {
    return ProcFiles.commandLines().stream()
        .filter(c -> c.contains(text) && running(Long.parseLong(c.substring(0, c.indexOf(' ')))))
        .toList();
  }

  /** Running processes in process group {@code pgid} (a server and the children it forked). */
  static List<Long> processGroup(long pgid) throws IOException {
    List<Long> found = new ArrayList<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"), StandardCharsets.UTF_8);
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // after the name: state, ppid, pgrp
          if (Long.parseLong(f[2]) == pgid && !f[0].equals("Z") && !f[0].equals("X")) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile
        }
      }
    }
    return found;
  }

  /**
   * Local addresses (hex from /proc/net/tcp{,6}) of sockets listening on {@code port}, such as
   * {@code 0100007F} for 127.0.0.1 or {@code 00000000} for 0.0.0.0.
   */
  static List<String> listeningAddresses(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    List<String> found = new ArrayList<>();
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(file);
      if (!Files.exists(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || !f[1].contains(":")) {
          continue;
        }
        String[] local = f[1].split(":");
        if (local[1].equals(hexPort) && f[3].equals("0A")) {
          found.add(local[0]);
        }
      }
    }
    return found;
  }

  /** The name of the real user that process {@code pid} runs as (from /proc/PID/status). */
  static String userOf(long pid) throws IOException, InterruptedException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Uid:")) {
        String uid = line.split("\\s+")[1];
        Process p = new ProcessBuilder("id", "-nu", uid).redirectErrorStream(true).start();
        String name = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return name;
      }
    }
    throw new IOException("no Uid line in /proc/" + pid + "/status");
  }

  /** The command line of process {@code pid}, arguments joined by spaces. */
  static String commandLine(long pid) throws IOException {
    return new String(
            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
            StandardCharsets.UTF_8)
        .replace('\0', ' ');
  }

  /** The environment of process {@code pid}, as {@code NAME=value} entries. */
  static List<String> environment(long pid) throws IOException {
    String env =
        new String(
            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
            StandardCharsets.UTF_8);
    return env.isEmpty() ? List.of() : List.of(env.split("\0"));
  }

  /** {@code rwx------}. */
  static String mode(Path p) throws IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Whether the user {@code nobody} can read {@code file} ({@code cat} as nobody succeeds). */
  static boolean readableAsNobody(Path file) throws IOException, InterruptedException {
    Process p =
        ProcFiles.asNobody(List.of("cat", file.toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("cat as nobody did not finish");
    }
    return p.exitValue() == 0;
  }

  /** The lines of {@code /proc/sysvipc/shm} (what {@code ipcs -m} shows), header left out. */
  static List<String> sharedMemorySegments() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("/proc/sysvipc/shm"));
    return lines.subList(1, lines.size()).stream().map(String::trim).toList();
  }

  /** Segments whose creator (cpid, the fifth column) is one of {@code pids}. */
  static List<String> sharedMemorySegmentsCreatedBy(List<Long> pids) throws IOException {
    return sharedMemorySegments().stream()
        .filter(l -> pids.contains(Long.parseLong(l.split("\\s+")[4])))
        .toList();
  }

  /** 127.0.0.1 as /proc/net/tcp writes it. */
  static final String LOOPBACK_HEX = "0100007F";

  /** Output of {@code pgrep -a NAME}, running processes only. */
  static List<String> pgrep(String name) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("pgrep", "-a", name).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    List<String> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank() && running(Long.parseLong(line.split(" ")[0]))) {
        lines.add(line);
      }
    }
    return lines;
  }
}

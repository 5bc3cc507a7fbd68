package io.testlanes.internal.process;

import io.testlanes.internal.log.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server process started in a process group of its own ({@code setsid}), with a minimal
 * environment, its output appended to a log file, and registered with a {@link Watchdog} so that it
 * dies with this JVM.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Log log = Log.get(ServiceProcess.class);

  private final String name;
  private final Process process;
  private final Path logFile;
  private final Watchdog watchdog;
  private boolean stopped;

  private ServiceProcess(String name, Process process, Path logFile, Watchdog watchdog) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.watchdog = watchdog;
  }

  /**
   * Starts {@code command} in a new session, output appended to {@code logFile}.
   *
   * @param name for logs and errors, e.g. {@code postgres}
   * @param environment added to the minimal environment of {@link Privileges#serviceEnvironment};
   *     nothing else of this JVM's environment is passed on
   */
  public static ServiceProcess start(
      String name,
      List<String> command,
      Path workingDir,
      Map<String, String> environment,
      Path logFile,
      Watchdog watchdog)
      throws IOException {
    if (!Files.exists(logFile)) {
      // Only this JVM's user reads the log; the server writes it through the inherited descriptor.
      Files.createFile(
          logFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    List<String> full = new ArrayList<>();
    full.add("setsid");
    full.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(full)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> env = pb.environment();
    Map<String, String> minimal = Privileges.serviceEnvironment(env, environment);
    env.clear();
    env.putAll(minimal);
    log.debug("{}: exec {}", name, full);
    Process p = pb.start();
    watchdog.watchProcess(p.pid());
    return new ServiceProcess(name, p, logFile, watchdog);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the process ended, however it ended. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /**
   * How a process that ended with {@code exitValue} (as {@link Process#exitValue()} gives it: 128 +
   * the signal for a process killed by one) ended: {@code exited with code 1}, {@code was killed by
   * signal 9 (SIGKILL)}.
   */
  public static String describeExit(int exitValue) {
    int signal = exitValue - 128;
    if (signal > 0 && signal < 65) {
      String name = SIGNALS.get(signal);
      return "was killed by signal " + signal + (name == null ? "" : " (SIG" + name + ")");
    }
    return "exited with code " + exitValue;
  }

  private static final Map<Integer, String> SIGNALS =
      Map.of(
          1, "HUP", 2, "INT", 3, "QUIT", 4, "ILL", 6, "ABRT", 7, "BUS", 9, "KILL", 11, "SEGV", 13,
          "PIPE", 15, "TERM");

  /** Exit code if the process ended. */
  public java.util.OptionalInt exitCode() {
    return process.isAlive()
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(process.exitValue());
  }

  public Path logFile() {
    return logFile;
  }

  /** The last {@code lines} lines of the log file. */
  public String logTail(int lines) {
    return tail(logFile, lines);
  }

  /** The last {@code lines} lines of {@code file}, or a note that it cannot be read. */
  public static String tail(Path file, int lines) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log " + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Sends {@code signal} (such as {@code TERM} or {@code INT}) to the whole process group. */
  public void signal(String signal) {
    if (process.isAlive()) {
      signalGroup(signal);
    }
  }

  /**
   * Sends {@code signal} to the process group even if its leader is gone: children that outlived it
   * (a Postgres backend of a killed postmaster) get it too. Nothing happens if the group is empty.
   */
  private void signalGroup(String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal, "--", "-" + process.pid())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("could not signal " + name + " (pid " + pid() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the process group: {@code signal} first, SIGKILL after {@code grace}. Waits until the
   * leader is gone.
   */
  public synchronized void stop(String signal, Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      signal(signal);
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} (pid {}) did not stop within {} ms; killing it", name, pid(), grace.toMillis());
        signal("KILL");
        process.waitFor(10, TimeUnit.SECONDS);
      }
      // Children that outlived the leader (none expected) go too.
      signalGroup("KILL");
    } catch (InterruptedException e) {
      signal("KILL");
      Thread.currentThread().interrupt();
    } finally {
      if (!process.isAlive()) {
        watchdog.forgetProcess(pid());
      }
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }

  /** Stops with SIGTERM and a 10 s grace period. */
  @Override
  public void close() {
    stop("TERM", Duration.ofSeconds(10));
  }
}

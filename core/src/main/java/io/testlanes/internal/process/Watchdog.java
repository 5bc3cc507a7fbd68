package io.testlanes.internal.process;

import io.testlanes.internal.log.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Kills registered process groups and removes registered directories and SysV shared memory
 * segments when the JVM that owns it dies, however it dies ({@code kill -9} included), and removes
 * registered Docker containers with {@code docker rm -f} (for the docker backend where
 * Testcontainers' Ryuk cannot run).
 *
 * <p>It is a small {@code bash} process, in a session of its own and deaf to INT, TERM and HUP,
 * that reads commands from a pipe whose only writer is this JVM. When this JVM ends, the kernel
 * closes the pipe; the watchdog reads end-of-file, sends SIGKILL to every registered process group
 * and removes every registered directory. No PID files, no polling, no clock. {@link #close()}
 * tells it that the owner already cleaned up; it then removes what is still registered and exits.
 */
public final class Watchdog implements AutoCloseable {
  private static final Log log = Log.get(Watchdog.class);

  // Commands: "pid N" / "unpid N" (a process group leader), "dir PATH" / "undir PATH", "file PATH"
  // (removed at once after the kill, before anything else: a socket that a successor may bind),
  // "shm ID" / "unshm ID" (a SysV shared memory segment), "container ID" / "uncontainer ID" (a
  // Docker container id), "bye".
  private static final String SCRIPT =
      String.join(
          "\n",
          "trap '' INT TERM HUP",
          "declare -A pids=() dirs=() files=() shms=() containers=()",
          "while IFS= read -r line; do",
          "  cmd=${line%% *}; arg=${line#* }",
          "  case $cmd in",
          "    pid) pids[$arg]=1 ;;",
          "    unpid) unset 'pids[$arg]' ;;",
          "    dir) dirs[$arg]=1 ;;",
          "    undir) unset 'dirs[$arg]' ;;",
          "    file) files[$arg]=1 ;;",
          "    shm) shms[$arg]=1 ;;",
          "    unshm) unset 'shms[$arg]' ;;",
          "    container) containers[$arg]=1 ;;",
          "    uncontainer) unset 'containers[$arg]' ;;",
          "    bye) break ;;",
          "  esac",
          "done",
          "for p in \"${!pids[@]}\"; do kill -KILL -- \"-$p\" 2>/dev/null; kill -KILL \"$p\" 2>/dev/null; done",
          "for f in \"${!files[@]}\"; do rm -f -- \"$f\"; done",
          "if [ ${#pids[@]} -gt 0 ]; then sleep 0.3; fi",
          "for s in \"${!shms[@]}\"; do ipcrm -m \"$s\" 2>/dev/null; done",
          // Postgres backends lead sessions of their own, so the group kill misses them: they exit
          // when they see the postmaster gone, and one may still write into the directory while it
          // is removed. Until it is gone, for up to 5 s.
          "for d in \"${!dirs[@]}\"; do",
          "  n=0; until rm -rf -- \"$d\" 2>/dev/null && [ ! -e \"$d\" ]; do",
          "    n=$((n + 1)); [ $n -ge 50 ] && break; sleep 0.1",
          "  done",
          "done",
          "if [ ${#containers[@]} -gt 0 ]; then docker rm -f -v \"${!containers[@]}\" >/dev/null 2>&1; fi",
          "exit 0",
          "");

  private final Process process;
  private final OutputStream commands;
  private boolean closed;

  private Watchdog(Process process) {
    this.process = process;
    this.commands = process.getOutputStream();
  }

  /** Starts a watchdog owned by this JVM. */
  public static Watchdog start() {
    try {
      ProcessBuilder pb =
          new ProcessBuilder("setsid", "bash", "-c", SCRIPT)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      Map<String, String> env = pb.environment();
      Map<String, String> docker = new TreeMap<>();
      env.forEach(
          (name, value) -> {
            if (name.startsWith("DOCKER_")) {
              docker.put(name, value); // which engine `docker rm` talks to
            }
          });
      Map<String, String> minimal = Privileges.serviceEnvironment(env, docker);
      env.clear();
      env.putAll(minimal);
      Process p = pb.start();
      return new Watchdog(p);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the watchdog process (needs setsid and bash on the PATH)", e);
    }
  }

  /** PID of the watchdog process, for tests. */
  public long pid() {
    return process.pid();
  }

  /**
   * Registers a process that leads its own process group (started through {@code setsid}): the
   * whole group is killed if this JVM dies.
   */
  public synchronized void watchProcess(long pid) {
    send("pid " + pid);
  }

  /** Forgets a process that already ended, so that a reused PID is never killed. */
  public synchronized void forgetProcess(long pid) {
    send("unpid " + pid);
  }

  /** Registers a directory to remove if this JVM dies. */
  public synchronized void watchDirectory(Path dir) {
    send("dir " + dir.toAbsolutePath());
  }

  /**
   * Registers a file to remove if this JVM dies, right after the registered processes are killed (a
   * Unix socket, which a successor may soon bind again). Never forgotten: removing a file that is
   * already gone does nothing.
   */
  public synchronized void watchFile(Path file) {
    send("file " + file.toAbsolutePath());
  }

  /** Forgets a directory that its owner removed. */
  public synchronized void forgetDirectory(Path dir) {
    send("undir " + dir.toAbsolutePath());
  }

  /**
   * Registers a SysV shared memory segment to remove ({@code ipcrm -m}) if this JVM dies, after the
   * registered processes are killed. Postgres keeps a small one for as long as it runs, and a
   * server killed with SIGKILL leaves it behind.
   *
   * @param shmid the segment's id, as {@code ipcs -m} shows it
   */
  public synchronized void watchSharedMemory(int shmid) {
    send("shm " + checkShmid(shmid));
  }

  /** Forgets a segment that its owner removed. */
  public synchronized void forgetSharedMemory(int shmid) {
    send("unshm " + checkShmid(shmid));
  }

  private static int checkShmid(int shmid) {
    if (shmid < 0) {
      throw new IllegalArgumentException("expected a shared memory id >= 0, got " + shmid);
    }
    return shmid;
  }

  /**
   * Registers a Docker container to remove ({@code docker rm -f -v}) if this JVM dies. Needs the
   * {@code docker} command on the PATH of this JVM; it talks to the engine that {@code DOCKER_HOST}
   * names, as this JVM saw it.
   *
   * @param containerId the container's id, 12 to 64 hexadecimal digits
   */
  public synchronized void watchContainer(String containerId) {
    send("container " + checkContainerId(containerId));
  }

  /** Forgets a container that its owner removed. */
  public synchronized void forgetContainer(String containerId) {
    send("uncontainer " + checkContainerId(containerId));
  }

  private static String checkContainerId(String id) {
    if (!id.matches("[0-9a-f]{12,64}")) {
      throw new IllegalArgumentException(
          "expected a Docker container id (12 to 64 hexadecimal digits), got '" + id + "'");
    }
    return id;
  }

  private void send(String command) {
    if (closed) {
      throw new IllegalStateException("watchdog already closed; cannot send '" + command + "'");
    }
    if (command.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("newline in watchdog command: " + command);
    }
    try {
      commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the watchdog process (pid " + process.pid() + ") is gone; cannot send '" + command + "'",
          e);
    }
  }

  /**
   * Ends the watchdog: it kills what is still registered, removes what directories are still
   * registered, and exits.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      commands.close();
    } catch (IOException e) {
      log.debug("closing the watchdog pipe failed", e);
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        log.warn("watchdog (pid {}) did not exit within 10 s; killing it", process.pid());
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

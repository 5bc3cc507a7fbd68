package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.internal.backend.ServiceHandle;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.ServiceProcess;
import io.testlanes.internal.process.SharedMemorySegment;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The handle of a server process that the embedded backend started (Postgres, Redis, Cassandra) and
 * of the directory that holds its data and log. It watches the process: if it ends by itself, its
 * {@link #death()} says how. Closing it stops the process group, removes the shared memory segment
 * the server may have left (a Postgres killed with SIGKILL does) and removes the directory.
 */
final class EmbeddedServer implements ServiceHandle {
  private static final Log log = Log.get(EmbeddedServer.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + LOWER;

  private final ServiceProcess process;
  private final Path directory;
  private final Watchdog watchdog;
  private final Stop stop;
  private final Optional<SharedMemorySegment> sharedMemory;
  private final CompletableFuture<String> death = new CompletableFuture<>();
  private volatile boolean closing;

  /**
   * How a server is stopped: {@code signal} to its process group, up to {@code grace} to exit, then
   * SIGKILL; {@code afterCleanStop} runs if it exited within the grace period.
   */
  record Stop(String signal, Duration grace, Runnable afterCleanStop) {
    Stop(String signal, Duration grace) {
      this(signal, grace, () -> {});
    }
  }

  EmbeddedServer(
      ServiceProcess process,
      Path directory,
      Watchdog watchdog,
      Stop stop,
      Optional<SharedMemorySegment> sharedMemory) {
    this.process = process;
    this.directory = directory;
    this.watchdog = watchdog;
    this.stop = stop;
    this.sharedMemory = sharedMemory;
    process
        .onExit()
        .thenAccept(
            p -> {
              if (!closing) {
                death.complete(
                    "its process (pid "
                        + p.pid()
                        + ") "
                        + ServiceProcess.describeExit(p.exitValue()));
              }
            });
  }

  @Override
  public String logTail(int lines) {
    return process.logTail(lines);
  }

  @Override
  public CompletionStage<String> death() {
    return death.minimalCompletionStage();
  }

  /** PID of the server process (the leader of its process group). */
  long pid() {
    return process.pid();
  }

  /** The directory that holds the server's data and log; gone after {@link #close()}. */
  Path directory() {
    return directory;
  }

  @Override
  public synchronized void close() {
    if (closing) {
      return;
    }
    closing = true;
    boolean interrupted = Thread.interrupted(); // a stop that is interrupted would leave the server
    try {
      process.stop(stop.signal(), stop.grace());
      if (!process.isAlive()) {
        stop.afterCleanStop().run();
      }
      sharedMemory.ifPresent(this::removeSharedMemory);
      removeDirectory(directory, watchdog);
      log.debug("{} stopped and {} removed", process, directory);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The server's System V shared memory segment, if it keeps one. */
  Optional<SharedMemorySegment> sharedMemory() {
    return sharedMemory;
  }

  /**
   * A server that stopped cleanly removed its segment; one that was killed left it. If removing
   * fails, the watchdog keeps it and tries again when this JVM ends.
   */
  private void removeSharedMemory(SharedMemorySegment segment) {
    try {
      segment.remove();
    } catch (IOException e) {
      log.warn(
          "could not remove shared memory segment {} of {}: {}; it is removed when this JVM ends",
          segment.id(),
          process,
          e.toString());
      return;
    }
    try {
      watchdog.forgetSharedMemory(segment.id());
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      log.debug("watchdog gone while forgetting segment {}: {}", segment.id(), e.toString());
    }
  }

  /**
   * Creates a fresh directory {@code <dataRoot>/<name>-<random>} and registers it with the watchdog
   * at once. Mode 700, owned by {@code owner} when one is given (the unprivileged user that runs
   * the server, who must be able to reach it): no other user can look inside.
   */
  static Path createServiceDirectory(StartContext context, String name, Optional<String> owner)
      throws IOException {
    Path root = context.dataRoot().toAbsolutePath().normalize();
    CacheDirs.createDirectoriesOpen(root);
    for (int attempt = 0; ; attempt++) {
      Path dir = root.resolve(name + "-" + random(LOWER, 8));
      try {
        Files.createDirectory(dir, PRIVATE_DIRECTORY);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt < 5) {
          continue;
        }
        throw e;
      }
      context.watchdog().watchDirectory(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      if (owner.isPresent()) {
        try {
          makeTraversable(dir, context.dataRoot(), owner.get());
          Privileges.chown(dir, owner.get());
        } catch (IOException | RuntimeException e) {
          removeDirectory(dir, context.watchdog());
          throw e;
        }
      }
      return dir;
    }
  }

  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  /**
   * Writes {@code text} to a new file of mode 600 (a server's configuration, a password file),
   * owned by {@code owner} when one is given.
   */
  static void writePrivateFile(Path file, String text, Optional<String> owner) throws IOException {
    Files.deleteIfExists(file);
    Files.writeString(
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
        text,
        StandardCharsets.UTF_8);
    if (owner.isPresent()) {
      Privileges.chown(file, owner.get());
    }
  }

  /**
   * Makes sure {@code user} can pass through every directory above {@code dir}: directories at or
   * below {@code dataRoot} get the others-execute bit; a directory above it that lacks it is a
   * configuration error.
   */
  static void makeTraversable(Path dir, Path dataRoot, String user) throws IOException {
    Path root = dataRoot.toAbsolutePath().normalize();
    for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
      Set<PosixFilePermission> perms = new HashSet<>(a.permissions());
      if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)
          || (a.owner().getName().equals(user)
              && perms.contains(PosixFilePermission.OWNER_EXECUTE))) {
        continue;
      }
      if (p.startsWith(root)) {
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(p, perms);
        log.debug("added o+x to {} so that {} can reach its data directory", p, user);
        continue;
      }
      throw new ConfigurationException(
          Keys.DATA_DIR,
          root.toString(),
          "The server runs as the unprivileged user '"
              + user
              + "' because this JVM runs as root, so it must be able to reach "
              + dir
              + ", but "
              + p
              + " has mode "
              + PosixFilePermissions.toString(perms)
              + ". Fix: set -D"
              + Keys.DATA_DIR
              + " to a directory every user can reach, such as /dev/shm or /tmp.");
    }
  }

  /**
   * Checks that {@code user} can read {@code file} (a binary, a jar): every directory above it must
   * let the user through.
   *
   * @param what the server, for the message: {@code Redis}
   * @param key the setting that chose the file, with its {@code value} and the {@code fix}
   * @throws ConfigurationException naming the first path that stops the user
   */
  static void requireReadableBy(
      Path file, String user, String what, String key, String value, String fix)
      throws IOException {
    Optional<Path> blocker = Privileges.blockerFor(file, user);
    if (blocker.isEmpty()) {
      return;
    }
    PosixFileAttributes a = Files.readAttributes(blocker.get(), PosixFileAttributes.class);
    throw new ConfigurationException(
        key,
        value,
        what
            + " runs as the unprivileged user '"
            + user
            + "' because this JVM runs as root, so it must be able to read "
            + file
            + ", but "
            + blocker.get()
            + " has mode "
            + PosixFilePermissions.toString(a.permissions())
            + " (owner "
            + a.owner().getName()
            + "). Fix: "
            + fix
            + ".");
  }

  /**
   * Removes {@code dir} and tells the watchdog; if removing fails the watchdog keeps it and removes
   * it when this JVM ends.
   */
  static void removeDirectory(Path dir, Watchdog watchdog) {
    try {
      CacheDirs.deleteTree(dir);
    } catch (IOException e) {
      log.warn("could not remove {}: {}; it is removed when this JVM ends", dir, e.toString());
      return;
    }
    try {
      watchdog.forgetDirectory(dir);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      // The watchdog already ended: nothing left to forget.
      log.debug("watchdog gone while forgetting {}: {}", dir, e.toString());
    }
  }

  /** A user name that is valid unquoted in SQL: {@code tl_} and 10 lowercase letters or digits. */
  static String randomUserName() {
    return "tl_" + random(LOWER, 10);
  }

  /** A password of 32 letters and digits (about 190 bits). */
  static String randomPassword() {
    return random(ALNUM, 32);
  }

  private static String random(String alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** Seconds with one decimal, as in {@code ready on 127.0.0.1:5432 in 0.9 s}. */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }

  /** Whether {@code text} is a bind failure because the port is taken. */
  static boolean saysPortInUse(String text) {
    return text.contains("Address already in use") || text.contains("EADDRINUSE");
  }
}

package io.testlanes.internal.run;

import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The files through which the JVMs of one run find each other: {@code <cache>/runs/<run key>/} with
 * the host's lock, socket and log, the clients' lock and the lane leases.
 *
 * <p>The run key is a hash of the run id ({@link io.testlanes.config.Keys#RUN_ID}) and of the
 * settings that decide what the service host starts ({@link HostSettings}). The run id is by
 * default the project directory: Surefire's {@code basedir} system property, which every fork of a
 * module has whatever its working directory, else {@code user.dir}. So the forks of one module
 * share a host, two projects never do, and a run that asks for other services than a warm host of
 * the same project runs ({@code -Dtestlanes.backend=docker} while an embedded host is kept alive)
 * gets a host of its own instead of silently using the wrong one.
 */
public final class RunDirectory {
  /**
   * Least free space on {@code /dev/shm} for the services' data: Docker gives containers 64 MB, too
   * little for Postgres, Redis and Cassandra (a CI job in a container then keeps its data on disk,
   * in the run directory, unless {@code testlanes.dataDir} says otherwise).
   */
  private static final long MIN_TMPFS_BYTES = 512L * 1024 * 1024;

  /**
   * Longest socket path used in the run directory: Linux takes at most 107 bytes for a Unix-domain
   * socket's path, and a deep {@code testlanes.cacheDir} (a CI workspace) exceeds it.
   */
  private static final int MAX_SOCKET_PATH = 100;

  private final String runId;
  private final String key;
  private final Path dir;

  private RunDirectory(String runId, String key, Path dir) {
    this.runId = runId;
    this.key = key;
    this.dir = dir;
  }

  /** The run directory of this JVM's run. */
  public static RunDirectory of(Settings settings) {
    String id = settings.runId().orElseGet(RunDirectory::defaultRunId);
    return at(baseDir(settings), id, HostSettings.fingerprint(settings));
  }

  /**
   * The run directory for run id {@code runId} whose host settings have fingerprint {@code
   * hostSettings}, under {@code base}.
   */
  public static RunDirectory at(Path base, String runId, String hostSettings) {
    String key = hash(runId + "\n" + hostSettings);
    return new RunDirectory(runId, key, base.resolve(key));
  }

  /**
   * The run directory at {@code dir} (a directory made by {@link #of}) for run id {@code runId}.
   */
  static RunDirectory existing(Path dir, String runId) {
    Path name = dir.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("not a run directory: " + dir);
    }
    return new RunDirectory(runId, name.toString(), dir);
  }

  /**
   * Where all run directories of this user live: {@code runs/} in the cache directory. They hold
   * only lock files, a socket and the host's log, and are kept: deleting a lock file that another
   * process may be about to lock would let two processes hold "the" lock at once.
   */
  public static Path baseDir(Settings settings) {
    return io.testlanes.internal.backend.embedded.CacheDirs.defaultCacheDir(settings)
        .resolve("runs");
  }

  /** The project directory as Surefire and IDEs give it. */
  public static String defaultRunId() {
    String basedir = System.getProperty("basedir");
    String dir = basedir != null && !basedir.isBlank() ? basedir : System.getProperty("user.dir");
    try {
      return Path.of(dir).toRealPath().toString();
    } catch (IOException e) {
      return Path.of(dir).toAbsolutePath().normalize().toString();
    }
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** Creates the directory (mode 700) if needed and returns it. */
  public Path create() {
    try {
      Path base = dir.getParent();
      if (base != null && !Files.isDirectory(base)) {
        Files.createDirectories(base);
        trySetMode(base, "rwx------");
      }
      Files.createDirectories(dir.resolve("lanes"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run directory " + dir, e);
    }
  }

  private static void trySetMode(Path p, String mode) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the directory stays usable
    }
  }

  public String runId() {
    return runId;
  }

  public String key() {
    return key;
  }

  public Path path() {
    return dir;
  }

  /** Held exclusively by the live host for its whole life. */
  public Path hostLock() {
    return dir.resolve("host.lock");
  }

  /** Serialises attaching and spawning a host. */
  public Path spawnLock() {
    return dir.resolve("spawn.lock");
  }

  /** Held shared by every attached JVM; held exclusively by the host while it shuts down. */
  public Path clientsLock() {
    return dir.resolve("clients.lock");
  }

  /** The host's Unix-domain socket. */
  public Path socket() {
    Path inRunDir = dir.resolve("host.sock");
    if (inRunDir.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
      return inRunDir;
    }
    return shortSocketDirectory().resolve(key + ".sock");
  }

  /**
   * A private directory with a short path for sockets of run directories whose path is too deep:
   * {@code <tmp>/testlanes-<user>}, mode 0700, owned by this user (else an error naming the key to
   * change).
   */
  private static Path shortSocketDirectory() {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    Path d = Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "testlanes-" + user);
    try {
      if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(
            d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      UserPrincipal owner = Files.getOwner(d, LinkOption.NOFOLLOW_LINKS);
      if (!owner.getName().equals(System.getProperty("user.name"))) {
        throw new IllegalStateException(
            "the socket directory "
                + d
                + " belongs to "
                + owner.getName()
                + ", not to "
                + System.getProperty("user.name")
                + "; testlanes needs it because the path of "
                + Keys.CACHE_DIR
                + " is too deep for a Unix-domain socket. Fix: remove "
                + d
                + ", or give "
                + Keys.CACHE_DIR
                + " a shorter path");
      }
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot make the socket directory "
              + d
              + " (needed because the path of "
              + Keys.CACHE_DIR
              + " is too deep for a Unix-domain socket)",
          e);
    }
  }

  /** The host's log (its stdout and stderr). */
  public Path hostLog() {
    return dir.resolve("host.log");
  }

  /** Facts about the live host: pid, start time, run id, its settings with secrets masked. */
  public Path hostInfo() {
    return dir.resolve("host.properties");
  }

  /**
   * The settings a JVM hands to the host it starts (mode 0600, read and deleted by the host), so
   * that no setting, passwords included, ever appears on a command line.
   */
  public Path hostSettings() {
    return dir.resolve("host-settings.properties");
  }

  /** What went wrong during the host's life: see {@link RunIncidents}. */
  public Path incidents() {
    return dir.resolve("incidents.properties");
  }

  /** Lease lock file of lane {@code n}. */
  public Path laneLock(int n) {
    return dir.resolve("lanes").resolve("lane-" + n + ".lock");
  }

  /**
   * The session that last brought lane {@code n} to the template's state (written by a holder of
   * the lane): a lane kept as its last holder left it ({@code testlanes.reset=none}) is reset once
   * per session, by its first holder.
   */
  public Path laneSession(int n) {
    return dir.resolve("lanes").resolve("lane-" + n + ".session");
  }

  /** Who holds lane {@code n} (written by the holder after it locked the lane). */
  public Path laneHolder(int n) {
    return dir.resolve("lanes").resolve("lane-" + n + ".holder");
  }

  /**
   * Where the services of this run keep their data: on tmpfs ({@code /dev/shm}) when it exists, is
   * writable and has 512 MB free, unless {@link io.testlanes.config.Keys#DATA_DIR} says otherwise.
   */
  public Path dataRoot(Settings settings) {
    String user = System.getProperty("user.name", "user").toLowerCase(Locale.ROOT);
    String name = "testlanes-" + user.replaceAll("[^a-z0-9_.-]", "_") + "-" + key;
    if (settings.dataDir().isPresent()) {
      return settings.dataDir().get().resolve(name);
    }
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm) && usableSpace(shm) >= MIN_TMPFS_BYTES) {
      return shm.resolve(name);
    }
    return dir.resolve("data");
  }

  private static long usableSpace(Path p) {
    try {
      return Files.getFileStore(p).getUsableSpace();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public String toString() {
    return dir + " (run " + runId + ")";
  }
}

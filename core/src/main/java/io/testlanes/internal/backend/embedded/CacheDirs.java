package io.testlanes.internal.backend.embedded;

import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.Privileges;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Where caches kept across runs live (extracted server binaries, class-data archives), and how an
 * entry of such a cache is filled exactly once even when several JVMs ask for it at the same time.
 */
public final class CacheDirs {
  private static final Log log = Log.get(CacheDirs.class);

  /** Marker written as the last file of a complete entry. */
  static final String COMPLETE_MARKER = ".complete";

  /** Serializes fills inside this JVM: a FileLock is held per JVM, not per thread. */
  private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  private CacheDirs() {}

  /**
   * The cache directory of this run: {@link Keys#CACHE_DIR} if set; else, as root, {@code
   * /var/cache/testlanes} (readable by the unprivileged user that runs Postgres, unlike {@code
   * /root}); else {@code $XDG_CACHE_HOME/testlanes} or {@code ~/.cache/testlanes}.
   */
  public static Path defaultCacheDir(Settings settings) {
    if (settings.cacheDir().isPresent()) {
      return settings.cacheDir().get().toAbsolutePath();
    }
    if (Privileges.isRoot()) {
      return Path.of("/var/cache/testlanes");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "testlanes");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "testlanes");
  }

  /** Fills a fresh, empty directory with the content of a cache entry. */
  @FunctionalInterface
  interface Filler {
    void fill(Path emptyDir) throws IOException;
  }

  /**
   * Returns {@code entry}, filling it first with {@code filler} if it is not complete yet. The
   * filler writes into a temporary directory next to {@code entry}, which is then renamed
   * atomically; a lock file next to it keeps other JVMs from filling it at the same time.
   * Directories are made readable and traversable by everyone (mode 755) so that an unprivileged
   * user can run what is inside.
   */
  static Path fillOnce(Path entry, Filler filler) throws IOException {
    Path target = entry.toAbsolutePath().normalize();
    if (Files.exists(target.resolve(COMPLETE_MARKER))) {
      return target;
    }
    Path parent = target.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("cache entry needs a parent directory: " + entry);
    }
    Object jvmLock = JVM_LOCKS.computeIfAbsent(target, k -> new Object());
    synchronized (jvmLock) {
      createDirectoriesOpen(parent);
      Path lockFile = parent.resolve("." + target.getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
          return target;
        }
        if (Files.exists(target)) {
          // Left by a fill from before this scheme, or damaged by hand: start over.
          log.info("cache entry {} is incomplete; filling it again", target);
          deleteTree(target);
        }
        long t0 = System.nanoTime();
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
          filler.fill(temp);
          Files.writeString(temp.resolve(COMPLETE_MARKER), "");
          try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            throw new IOException(
                "could not rename " + temp + " to " + target + " atomically: " + e.getMessage(), e);
          }
        } finally {
          if (Files.exists(temp)) {
            deleteTree(temp);
          }
        }
        log.debug("filled cache entry {} in {} ms", target, (System.nanoTime() - t0) / 1_000_000);
        return target;
      }
    }
  }

  /** Creates {@code dir} and its missing parents with mode 755. */
  static void createDirectoriesOpen(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      return;
    }
    Path parent = abs.getParent();
    if (parent != null) {
      createDirectoriesOpen(parent);
    }
    try {
      Files.createDirectory(abs);
      Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(abs)) {
        throw e;
      }
    }
  }

  /** Deletes {@code dir} and everything below it, without following symbolic links. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e)
              throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}

package io.testlanes.internal.backend.embedded;

import io.testlanes.internal.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An AppCDS archive of the classes Cassandra loads while it starts: it saves about 2.5 s of every
 * start after the first (measured: 5.9 s → 3.2 s to CQL readiness on 2 cores).
 *
 * <p>The first start on a given JDK and classpath runs with {@code -XX:ArchiveClassesAtExit} into
 * the node directory; the JVM writes the archive when it exits. If that node had become ready, the
 * archive is copied into the cache under a unique temporary name and renamed into place, so two
 * JVMs that create it at the same time cannot tear it (the last rename wins; both archives are
 * equally good). Later starts map it with {@code -XX:SharedArchiveFile}. An archive is valid only
 * for the JDK build and the exact jars it was made with, so its file name holds a hash of the Java
 * home, the JDK's {@code release} file, and each jar's path, size and modification time. A
 * mismatched archive is never used: the JVM then warns and starts without one.
 */
final class CassandraClassArchive {
  private static final Log log = Log.get("io.testlanes.cassandra");

  private final Optional<Path> existing;
  private final Optional<Path> toCreate;
  private final Path cached;

  private CassandraClassArchive(Optional<Path> existing, Optional<Path> toCreate, Path cached) {
    this.existing = existing;
    this.toCreate = toCreate;
    this.cached = cached;
  }

  /**
   * Uses the cached archive for this Java and classpath if there is one, else creates one into
   * {@code nodeDir}; does neither on a Java without dynamic archives (11).
   */
  static CassandraClassArchive plan(
      CassandraJava java, List<Path> classpath, Path cacheDir, Path nodeDir) {
    Path cached = cacheDir.resolve("cassandra-" + key(java, classpath) + ".jsa");
    if (!java.supportsDynamicArchive()) {
      return new CassandraClassArchive(Optional.empty(), Optional.empty(), cached);
    }
    if (Files.isRegularFile(cached)) {
      return new CassandraClassArchive(Optional.of(cached), Optional.empty(), cached);
    }
    return new CassandraClassArchive(
        Optional.empty(), Optional.of(nodeDir.resolve("cassandra.jsa")), cached);
  }

  /** {@code -XX:SharedArchiveFile=…}, {@code -XX:ArchiveClassesAtExit=…}, or nothing. */
  List<String> jvmOptions() {
    if (existing.isPresent()) {
      return List.of("-XX:SharedArchiveFile=" + existing.get());
    }
    if (toCreate.isPresent()) {
      return List.of("-XX:ArchiveClassesAtExit=" + toCreate.get());
    }
    return List.of();
  }

  /** Whether this start writes an archive when its JVM exits. */
  boolean creating() {
    return toCreate.isPresent();
  }

  /** Whether this start uses an archive made before. */
  boolean used() {
    return existing.isPresent();
  }

  /** The archive's place in the cache. */
  Path cached() {
    return cached;
  }

  /**
   * After the node's JVM exited: moves the archive it wrote into the cache. Call only for a node
   * that became ready, so that the archive holds the classes of a whole start.
   */
  void keepCreated() {
    if (toCreate.isEmpty()) {
      return;
    }
    Path written = toCreate.get();
    try {
      if (!Files.isRegularFile(written) || Files.size(written) == 0) {
        log.debug("cassandra: no class-data archive was written at {}", written);
        return;
      }
      Files.createDirectories(cached.getParent());
      Path tmp = Files.createTempFile(cached.getParent(), cached.getFileName() + ".", ".tmp");
      try {
        Files.copy(written, tmp, StandardCopyOption.REPLACE_EXISTING);
        // Read by the unprivileged user that runs the next node (createTempFile made it 600).
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(
            tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      log.info(
          "cassandra: class-data archive saved to {} ({} MB); later starts are faster",
          cached,
          Files.size(cached) / (1024 * 1024));
    } catch (IOException e) {
      log.warn(
          "cassandra: could not save the class-data archive to {} ({}); the next start creates it"
              + " again",
          cached,
          e.toString());
    }
  }

  /** Hash of what the archive depends on: the JDK build and every jar as it is on disk. */
  static String key(CassandraJava java, List<Path> classpath) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, java.home().toAbsolutePath().normalize().toString());
      update(sha, java.release());
      for (Path jar : classpath) {
        update(sha, jar.toAbsolutePath().toString());
        try {
          BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
          update(sha, a.size() + "@" + a.lastModifiedTime().toMillis());
        } catch (IOException e) {
          update(sha, "missing");
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256, this one has not", e);
    }
  }

  /** 16 hexadecimal digits of the SHA-256 of {@code text}, for cache entry names. */
  static String hash(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, text);
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256, this one has not", e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}

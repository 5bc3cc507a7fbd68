package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code redis-server} comes from: the binary shipped in the {@code
 * com.github.codemonstur:embedded-redis} artifact, copied once into the cache and made executable,
 * or an executable of this machine ({@link Keys#REDIS_BINARY}).
 */
final class RedisBinary {
  private static final String PREFIX = "redis-server-";

  /** Known resource names, in case the artifact's jar cannot be listed. */
  private static final List<String> KNOWN =
      List.of(
          "redis-server-6.2.6-v5-linux-amd64",
          "redis-server-6.2.7-linux-arm64",
          "redis-server-6.2.6-v5-darwin-amd64",
          "redis-server-6.2.6-v5-darwin-arm64");

  private RedisBinary() {}

  /**
   * The executable that {@code settings} select; copies the artifact's binary into {@code cacheDir}
   * the first time.
   *
   * @throws ConfigurationException if the configured executable is missing or the artifact holds no
   *     binary for this platform
   */
  static Path resolve(Settings settings, Path cacheDir) throws IOException {
    String value = settings.redisBinary();
    if (value.equalsIgnoreCase(Settings.FROM_MAVEN)) {
      return fromMaven(cacheDir);
    }
    return fromMachine(value);
  }

  private static Path fromMachine(String value) {
    Path p = Path.of(value);
    if (!value.contains("/")) {
      Path found = onPath(value);
      if (found != null) {
        p = found;
      }
    }
    if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
      throw new ConfigurationException(
          Keys.REDIS_BINARY,
          value,
          "Invalid value '"
              + value
              + "' for "
              + Keys.REDIS_BINARY
              + ": expected an executable redis-server, but "
              + p.toAbsolutePath()
              + (Files.exists(p) ? " is not an executable file" : " does not exist")
              + ". Fix: install Redis (apt-get install redis-server) and set -D"
              + Keys.REDIS_BINARY
              + "=/usr/bin/redis-server, or remove the key to use the binary of the"
              + " com.github.codemonstur:embedded-redis artifact.");
    }
    return p.toAbsolutePath();
  }

  private static @Nullable Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static Path fromMaven(Path cacheDir) throws IOException {
    String platform = platform();
    String resource = findResourceName(platform);
    URL url = resource == null ? null : findResource(resource);
    if (resource == null || url == null) {
      throw new ConfigurationException(
          Keys.REDIS_BINARY,
          Settings.FROM_MAVEN,
          Keys.REDIS_BINARY
              + " is '"
              + Settings.FROM_MAVEN
              + "': expected a redis-server binary for "
              + platform
              + " from the artifact com.github.codemonstur:embedded-redis on the classpath, but"
              + " found none. Fix: add that artifact as a test dependency, or install Redis and"
              + " set -D"
              + Keys.REDIS_BINARY
              + "=/usr/bin/redis-server.");
    }
    Path entry = cacheDir.resolve("redis-" + resource.substring(PREFIX.length()));
    Path dir =
        CacheDirs.fillOnce(
            entry,
            empty -> {
              Path binary = empty.resolve("redis-server");
              try (InputStream in = url.openStream()) {
                Files.copy(in, binary);
              }
              Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            });
    return dir.resolve("redis-server");
  }

  /** {@code linux-amd64}, {@code linux-arm64}, {@code darwin-arm64}... as the artifact names it. */
  static String platform() {
    String os = PostgresBinaries.os();
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "x86_64":
      case "amd64":
        arch = "amd64";
        break;
      case "aarch64":
      case "arm64":
        arch = "arm64";
        break;
      case "x86":
      case "i386":
      case "i686":
        arch = "386";
        break;
      default:
        break;
    }
    return os + "-" + arch;
  }

  /** The name of the artifact's binary for {@code platform}, the newest if it holds several. */
  private static @Nullable String findResourceName(String platform) throws IOException {
    List<String> names = new ArrayList<>();
    Path jar = artifactJar();
    if (jar != null && Files.isRegularFile(jar)) {
      try (JarFile file = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (name.startsWith(PREFIX) && name.endsWith("-" + platform) && !name.contains("/")) {
            names.add(name);
          }
        }
      }
    }
    if (names.isEmpty()) {
      for (String name : KNOWN) {
        if (name.endsWith("-" + platform) && findResource(name) != null) {
          names.add(name);
        }
      }
    }
    return names.stream().sorted().reduce((a, b) -> b).orElse(null);
  }

  private static @Nullable Path artifactJar() {
    try {
      Class<?> c = Class.forName("redis.embedded.RedisServer", false, loader());
      CodeSource source = c.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      return Path.of(source.getLocation().toURI());
    } catch (ClassNotFoundException | LinkageError | URISyntaxException | SecurityException e) {
      return null;
    } catch (IllegalArgumentException e) {
      return null; // not a file: URI
    }
  }

  private static @Nullable URL findResource(String name) {
    ClassLoader own = loader();
    URL url = own == null ? null : own.getResource(name);
    if (url == null) {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      url = context == null ? null : context.getResource(name);
    }
    return url;
  }

  private static @Nullable ClassLoader loader() {
    return RedisBinary.class.getClassLoader();
  }
}

package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java installation that runs embedded Cassandra. Cassandra 5.0 runs on Java 11 and 17 only (on
 * 21 and newer it fails with "Setting a system-wide Policy object is not supported").
 *
 * @param home the installation directory (holds {@code bin/java})
 * @param feature the feature version: 11 or 17
 * @param release the {@code release} file's text (or {@code java -version}'s output), which
 *     identifies the exact build for the class-data archive key
 */
record CassandraJava(Path home, int feature, String release) {
  static final Path JVM_DIR = Path.of("/usr/lib/jvm");
  private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"([^\"]+)\"");
  private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([^\"]+)\"");

  Path executable() {
    return home.resolve("bin").resolve("java");
  }

  /**
   * Whether this Java can write a dynamic class-data archive ({@code -XX:ArchiveClassesAtExit}).
   */
  boolean supportsDynamicArchive() {
    return feature >= 13;
  }

  /**
   * {@link Settings#cassandraJavaHome()} if set, else the running JVM if it is Java 11 to 17, else
   * a Java 17 (then 11) under {@code /usr/lib/jvm}.
   *
   * @throws ConfigurationException naming {@link Keys#CASSANDRA_JAVA_HOME} if the configured one is
   *     unsuitable or none is found
   */
  static CassandraJava find(Settings settings) {
    Optional<Path> configured = settings.cassandraJavaHome();
    if (configured.isPresent()) {
      Path home = configured.get();
      Optional<CassandraJava> java = inspect(home);
      if (java.isEmpty()) {
        throw new ConfigurationException(
            Keys.CASSANDRA_JAVA_HOME,
            home.toString(),
            "Invalid value '"
                + home
                + "' for "
                + Keys.CASSANDRA_JAVA_HOME
                + ": expected a Java installation with bin/java, found none. Fix: point it at a"
                + " Java 17 home such as /usr/lib/jvm/java-17-openjdk-amd64.");
      }
      if (!suitable(java.get().feature())) {
        throw new ConfigurationException(
            Keys.CASSANDRA_JAVA_HOME,
            home.toString(),
            "Invalid value '"
                + home
                + "' for "
                + Keys.CASSANDRA_JAVA_HOME
                + ": expected Java 11 or 17 (Cassandra 5.0 runs on no other), found Java "
                + java.get().feature()
                + ". Fix: point it at a Java 17 home.");
      }
      return java.get();
    }
    int running = Runtime.version().feature();
    if (suitable(running)) {
      Path home = Path.of(System.getProperty("java.home"));
      Optional<CassandraJava> java = inspect(home);
      if (java.isPresent()) {
        return java.get();
      }
    }
    List<CassandraJava> found = installed(JVM_DIR);
    return found.stream()
        .filter(j -> j.feature() == 17)
        .findFirst()
        .or(() -> found.stream().filter(j -> j.feature() == 11).findFirst())
        .orElseThrow(
            () ->
                new ConfigurationException(
                    Keys.CASSANDRA_JAVA_HOME,
                    null,
                    "Embedded Cassandra needs Java 11 or 17, but this JVM is Java "
                        + running
                        + " and "
                        + JVM_DIR
                        + " holds no Java 17 or 11"
                        + (found.isEmpty() ? "" : " (found " + describe(found) + ")")
                        + ". Fix: install one (apt-get install openjdk-17-jdk-headless) or set -D"
                        + Keys.CASSANDRA_JAVA_HOME
                        + "=<a Java 17 home>."));
  }

  private static boolean suitable(int feature) {
    return feature == 11 || feature == 17;
  }

  /** Every Java installation directly under {@code dir}, each real directory once. */
  static List<CassandraJava> installed(Path dir) {
    List<CassandraJava> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    List<Path> seen = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.sorted(Comparator.comparing(Path::toString)).toList()) {
        Path real;
        try {
          real = child.toRealPath();
        } catch (IOException e) {
          continue;
        }
        if (seen.contains(real)) {
          continue;
        }
        seen.add(real);
        inspect(real).ifPresent(found::add);
      }
    } catch (IOException | UncheckedIOException e) {
      return found;
    }
    return found;
  }

  /** The Java at {@code home}, if it has an executable {@code bin/java} of a known version. */
  static Optional<CassandraJava> inspect(Path home) {
    Path java = home.resolve("bin").resolve("java");
    if (!Files.isExecutable(java)) {
      return Optional.empty();
    }
    Path releaseFile = home.resolve("release");
    try {
      if (Files.isRegularFile(releaseFile)) {
        String release = Files.readString(releaseFile, StandardCharsets.UTF_8);
        Matcher m = RELEASE_VERSION.matcher(release);
        if (m.find()) {
          return Optional.of(new CassandraJava(home, feature(m.group(1)), release));
        }
      }
      return fromVersionOutput(home, java);
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<CassandraJava> fromVersionOutput(Path home, Path java)
      throws IOException {
    Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + java + " for its version", e);
    }
    Matcher m = VERSION_OUTPUT.matcher(out);
    return m.find()
        ? Optional.of(new CassandraJava(home, feature(m.group(1)), out))
        : Optional.empty();
  }

  /** {@code 17.0.15} → 17, {@code 1.8.0_402} → 8, {@code 21} → 21. */
  static int feature(String version) {
    String[] parts = version.split("[.+_-]");
    int first = Integer.parseInt(parts[0]);
    return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
  }

  private static String describe(List<CassandraJava> javas) {
    List<String> names = new ArrayList<>();
    for (CassandraJava j : javas) {
      names.add(j.home() + " = Java " + j.feature());
    }
    return String.join(", ", names);
  }
}

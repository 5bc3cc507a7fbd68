package io.testlanes.internal.backend.embedded;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.Privileges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.RepositorySystemSession.SessionBuilder;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * The runtime classpath of {@code org.apache.cassandra:cassandra-all}, resolved with Maven Resolver
 * when it is first needed and remembered in the cache directory, so that later runs resolve
 * nothing.
 *
 * <p>Jars come from the user's local Maven repository ({@code maven.repo.local}, else the {@code
 * localRepository} of {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}); Maven Central is
 * asked only for what is missing there. Cassandra's jars never join the test classpath: they run in
 * a child JVM.
 */
final class CassandraClasspath {
  private static final Log log = Log.get("io.testlanes.cassandra");

  static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
  private static final Pattern LOCAL_REPOSITORY =
      Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>");
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  private CassandraClasspath() {}

  /**
   * The jars that run Cassandra {@code version}, from the cache file in {@code cacheDir} if every
   * jar it lists still exists, else freshly resolved (and cached).
   *
   * @throws ServiceStartException if resolution fails (unknown version, no network and nothing in
   *     the local repository)
   */
  static List<Path> of(String version, Path cacheDir) {
    Path cacheFile = cacheDir.resolve("cassandra-" + version + ".classpath");
    Optional<List<Path>> cached = readCache(cacheFile);
    if (cached.isPresent()) {
      log.debug("cassandra: classpath of {} from {}", version, cacheFile);
      return cached.get();
    }
    long t0 = System.nanoTime();
    Path localRepository = localRepository();
    List<Path> jars = resolve(version, localRepository);
    log.info(
        "cassandra: resolved cassandra-all {} ({} jars) into {} in {}",
        version,
        jars.size(),
        localRepository,
        EmbeddedCassandra.seconds(System.nanoTime() - t0));
    writeCache(cacheFile, jars);
    return jars;
  }

  /**
   * {@code jars} as {@code user} can read them: the jars themselves if it can (a local repository
   * open to everyone), else copies in {@code cacheDir}, made once per jar list. As root, the local
   * repository usually sits in {@code /root} (mode 700), which the unprivileged user that runs the
   * node cannot enter.
   */
  static List<Path> readableBy(String user, List<Path> jars, String version, Path cacheDir)
      throws IOException {
    Optional<Path> blocked = Privileges.blockerFor(jars, user);
    if (blocked.isEmpty()) {
      return jars;
    }
    StringBuilder names = new StringBuilder(version);
    jars.forEach(j -> names.append('\n').append(j.getFileName()));
    Path entry =
        cacheDir.resolve(
            "cassandra-" + version + "-lib-" + CassandraClassArchive.hash(names.toString()));
    long t0 = System.nanoTime();
    Path dir =
        CacheDirs.fillOnce(
            entry,
            empty -> {
              for (int i = 0; i < jars.size(); i++) {
                Path copy = empty.resolve(copyName(i, jars.get(i)));
                Files.copy(jars.get(i), copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
              }
              log.info(
                  "cassandra: copied its {} jars into {}, where the user '{}' can read them ({}"
                      + " cannot)",
                  jars.size(),
                  entry,
                  user,
                  blocked.get());
            });
    log.debug(
        "cassandra: jars readable by {} in {} ({} ms)",
        user,
        dir,
        (System.nanoTime() - t0) / 1_000_000);
    List<Path> copies = new ArrayList<>();
    for (int i = 0; i < jars.size(); i++) {
      copies.add(dir.resolve(copyName(i, jars.get(i))));
    }
    return List.copyOf(copies);
  }

  /** {@code 007-guava-32.0.1-jre.jar}: the classpath order, and unique even if names repeat. */
  private static String copyName(int index, Path jar) {
    return String.format(java.util.Locale.ROOT, "%03d-%s", index, jar.getFileName());
  }

  /** The cached classpath if the file exists and every jar in it still does. */
  static Optional<List<Path>> readCache(Path cacheFile) {
    if (!Files.isRegularFile(cacheFile)) {
      return Optional.empty();
    }
    try {
      List<Path> jars = new ArrayList<>();
      for (String line : Files.readAllLines(cacheFile, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Path jar = Path.of(line.strip());
        if (!Files.isRegularFile(jar)) {
          log.debug("cassandra: {} lists {}, which is gone; resolving again", cacheFile, jar);
          return Optional.empty();
        }
        jars.add(jar);
      }
      return jars.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(jars));
    } catch (IOException | UncheckedIOException e) {
      log.debug("cassandra: cannot read {}; resolving again", cacheFile, e);
      return Optional.empty();
    }
  }

  private static void writeCache(Path cacheFile, List<Path> jars) {
    StringBuilder text = new StringBuilder();
    for (Path jar : jars) {
      text.append(jar.toAbsolutePath()).append('\n');
    }
    try {
      Files.createDirectories(cacheFile.getParent());
      // Written under a unique name and renamed, so that a JVM resolving at the same time never
      // reads half a file.
      Path tmp = Files.createTempFile(cacheFile.getParent(), cacheFile.getFileName() + ".", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // Only a lost optimisation: the next run resolves again.
      log.warn(
          "cassandra: could not cache the classpath in {} ({}); the next run resolves it again",
          cacheFile,
          e.toString());
    }
  }

  private static List<Path> resolve(String version, Path localRepository) {
    String coordinates = "org.apache.cassandra:cassandra-all:" + version;
    try {
      return resolve(coordinates, localRepository, CENTRAL);
    } catch (DependencyResolutionException | RuntimeException e) {
      throw new ServiceStartException(
          Service.CASSANDRA,
          "expected to resolve "
              + coordinates
              + " and its runtime dependencies from "
              + localRepository
              + " or Maven Central ("
              + CENTRAL
              + "), but resolution failed: "
              + e.getMessage()
              + ". Fix: check that "
              + Keys.CASSANDRA_VERSION
              + "="
              + version
              + " names a released Cassandra and that Maven Central can be reached (or run"
              + " once `mvn dependency:get -Dartifact="
              + coordinates
              + "` where it can)",
          "",
          e);
    }
  }

  /**
   * The runtime jars of {@code coordinates}: from {@code localRepository} alone if every POM and
   * jar is there (no network at all: not even the remote repositories' prefix files, which cost
   * round trips to each repository named in the POMs, and a connect timeout each where outgoing
   * connections are dropped), else resolved again with {@code remote} and the repositories the POMs
   * name, which fills the local repository.
   */
  static List<Path> resolve(String coordinates, Path localRepository, String remote)
      throws DependencyResolutionException {
    RepositorySystem system = new RepositorySystemSupplier().get();
    try {
      try {
        return resolve(system, coordinates, localRepository, remote, true);
      } catch (DependencyResolutionException e) {
        log.debug(
            "cassandra: {} is not complete in {} ({}); resolving it from {}",
            coordinates,
            localRepository,
            e.getMessage(),
            remote);
        return resolve(system, coordinates, localRepository, remote, false);
      }
    } finally {
      system.shutdown();
    }
  }

  private static List<Path> resolve(
      RepositorySystem system,
      String coordinates,
      Path localRepository,
      String remote,
      boolean offline)
      throws DependencyResolutionException {
    SessionBuilder builder =
        new SessionBuilderSupplier(system)
            .get()
            .withLocalRepositoryBaseDirectories(localRepository)
            .setSystemProperties(System.getProperties())
            // Releases never change: what is in the local repository is used as it is.
            .setUpdatePolicy(RepositoryPolicy.UPDATE_POLICY_NEVER)
            .setOffline(offline);
    if (offline) {
      // A POM missing from the local repository fails this attempt (and so goes online) rather
      // than silently dropping that artifact's dependencies.
      builder.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false));
    }
    try (CloseableSession session = builder.build()) {
      RemoteRepository repository =
          new RemoteRepository.Builder("central", "default", remote).build();
      CollectRequest collect =
          new CollectRequest(
              new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME),
              List.of(repository));
      DependencyResult result =
          system.resolveDependencies(
              session,
              new DependencyRequest(
                  collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)));
      List<Path> jars = new ArrayList<>();
      for (ArtifactResult artifact : result.getArtifactResults()) {
        Artifact a = artifact.getArtifact();
        Path path = a.getPath();
        if (path != null && path.getFileName().toString().endsWith(".jar")) {
          jars.add(path.toAbsolutePath());
        }
      }
      return List.copyOf(jars);
    }
  }

  /**
   * The local Maven repository: the {@code maven.repo.local} system property, else a plain {@code
   * <localRepository>} in {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}.
   */
  static Path localRepository() {
    String property = System.getProperty("maven.repo.local");
    if (property != null && !property.isBlank()) {
      return Path.of(property.strip()).toAbsolutePath();
    }
    Path home = Path.of(System.getProperty("user.home"));
    Path settings = home.resolve(".m2").resolve("settings.xml");
    if (Files.isRegularFile(settings)) {
      try {
        Optional<Path> configured =
            fromSettings(Files.readString(settings, StandardCharsets.UTF_8), home);
        if (configured.isPresent()) {
          return configured.get();
        }
      } catch (IOException | UncheckedIOException e) {
        log.debug("cassandra: cannot read {}; using ~/.m2/repository", settings, e);
      }
    }
    return home.resolve(".m2").resolve("repository");
  }

  /**
   * The {@code <localRepository>} of a settings file, with {@code ${user.home}} and {@code
   * ${env.X}} expanded; empty if it has none or uses other properties.
   */
  static Optional<Path> fromSettings(String settingsXml, Path home) {
    String withoutComments = settingsXml.replaceAll("(?s)<!--.*?-->", "");
    Matcher m = LOCAL_REPOSITORY.matcher(withoutComments);
    if (!m.find()) {
      return Optional.empty();
    }
    String value = m.group(1);
    Matcher p = PROPERTY.matcher(value);
    StringBuilder expanded = new StringBuilder();
    while (p.find()) {
      String name = p.group(1);
      String replacement;
      if (name.equals("user.home")) {
        replacement = home.toString();
      } else if (name.startsWith("env.")) {
        replacement = System.getenv(name.substring(4));
      } else {
        replacement = System.getProperty(name);
      }
      if (replacement == null) {
        log.debug("cassandra: settings.xml localRepository uses unknown ${{}}; ignoring it", name);
        return Optional.empty();
      }
      p.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
    }
    p.appendTail(expanded);
    String path = expanded.toString();
    if (path.startsWith("~/")) {
      path = home + path.substring(1);
    }
    return path.isBlank() ? Optional.empty() : Optional.of(Path.of(path).toAbsolutePath());
  }
}

package io.testlanes.internal.run;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The service host's class path: the jars and directories from which this JVM loaded testlanes
 * core, its dependencies and the client drivers the host uses, whatever class loader or module
 * layer holds them.
 *
 * <p>The host is a JVM of its own, started with {@code -cp}. Test launchers keep the test class
 * path in different places, and all of them are read, starting from the class loader that defined
 * testlanes core and going up its parents (parents first, as they win class lookups):
 *
 * <ul>
 *   <li>a {@link URLClassLoader}: its URLs (the JUnit console launcher's {@code -cp}, build tools'
 *       test workers, IDE runners that load the tests in a class loader of their own);
 *   <li>the application class loader: {@code java.class.path} (a plain {@code java -cp}, as IDEs
 *       launch) and the module path {@code jdk.module.path} (Surefire for a project with a {@code
 *       module-info}); the host runs every module on its class path;
 *   <li>any other class loader: the jars whose manifests it serves;
 *   <li>the module layers of testlanes core's module and the boot layer: where each module was
 *       found.
 * </ul>
 *
 * <p>Then, for each anchor class (testlanes core, slf4j, each driver, Maven Resolver,
 * Testcontainers), the jar or directory that holds it is added: where its loader finds the class
 * file, else its code source. So a class loader that shows nothing of the above still yields them
 * (a classes directory has no manifest), and one loaded from something other than a file fails
 * here, named, rather than in the host. Surefire (and some IDEs) put a single "manifest-only" jar
 * on the class path whose {@code Class-Path} manifest attribute lists the real entries, and may
 * delete it when the fork ends; the host outlives the fork, so such manifests are expanded into the
 * entries they name.
 */
final class HostClasspath {
  /** What the host needs, by the artifact that brings it; the first two it cannot start without. */
  private static final List<Anchor> ANCHORS =
      List.of(
          Anchor.mustHave("testlanes-core", "io.testlanes.internal.run.RunHost"),
          Anchor.mustHave("slf4j-api", "org.slf4j.LoggerFactory"),
          Anchor.ifPresent(
              "commons-compress",
              "org.apache.commons.compress.archivers.tar.TarArchiveInputStream"),
          Anchor.ifPresent("xz", "org.tukaani.xz.XZInputStream"),
          Anchor.ifPresent("embedded-redis", "redis.embedded.RedisServer"),
          Anchor.ifPresent(
              "maven-resolver-supplier-mvn3",
              "org.eclipse.aether.supplier.RepositorySystemSupplier"),
          Anchor.ifPresent("testcontainers", "org.testcontainers.DockerClientFactory"),
          Anchor.ifPresent("postgresql", "org.postgresql.Driver"),
          Anchor.ifPresent("jedis", "redis.clients.jedis.Jedis"),
          Anchor.ifPresent("java-driver-core", "com.datastax.oss.driver.api.core.CqlSession"),
          Anchor.ifPresent("flyway-core", "org.flywaydb.core.Flyway"));

  /** How deep manifests that name further manifest jars are followed. */
  private static final int MAX_MANIFEST_DEPTH = 3;

  private final Set<Path> entries = new LinkedHashSet<>();
  private final List<String> lookedIn = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private HostClasspath() {}

  /** The host's class path as one {@code -cp} argument. */
  static String argument() {
    return entries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * The host's class path entries, each once, in the order found.
   *
   * @throws IllegalStateException if a class the host needs is missing or was loaded from something
   *     other than a file (naming it and every place looked in)
   */
  static List<Path> entries() {
    ClassLoader core =
        Objects.requireNonNullElse(
            HostClasspath.class.getClassLoader(), ClassLoader.getSystemClassLoader());
    HostClasspath cp = new HostClasspath();
    cp.addLoaderChain(core);
    cp.addModuleLayers(HostClasspath.class.getModule());
    cp.addAnchors(core);
    cp.failOnProblems(core);
    return List.copyOf(cp.entries);
  }

  private void addLoaderChain(ClassLoader core) {
    List<ClassLoader> chain = new ArrayList<>();
    for (ClassLoader l = core; l != null; l = l.getParent()) {
      chain.add(l);
    }
    Collections.reverse(chain);
    for (ClassLoader l : chain) {
      if (l == ClassLoader.getPlatformClassLoader()) {
        continue; // JDK modules only
      }
      int before = entries.size();
      String source;
      if (l instanceof URLClassLoader) {
        URL[] urls = ((URLClassLoader) l).getURLs();
        for (URL url : urls) {
          addLocation(url, describe(l));
        }
        source = describe(l) + " (" + urls.length + " URLs)";
      } else if (isApplicationLoader(l)) {
        List<String> classPath = pathProperty("java.class.path");
        classPath.forEach(e -> addFile(Path.of(e), 0));
        List<String> modulePath = pathProperty("jdk.module.path");
        modulePath.forEach(this::addModulePathEntry);
        source =
            describe(l)
                + " (java.class.path: "
                + classPath.size()
                + " entries, jdk.module.path: "
                + modulePath.size()
                + ")";
      } else {
        List<URL> manifests = resources(l, JarFile.MANIFEST_NAME);
        manifests.forEach(m -> addRoot(m, JarFile.MANIFEST_NAME, describe(l)));
        source = describe(l) + " (no URLs; " + manifests.size() + " jar manifests)";
      }
      lookedIn.add(source + ": " + (entries.size() - before) + " new entries");
    }
  }

  private static boolean isApplicationLoader(ClassLoader l) {
    return "app".equals(l.getName()) && l.getParent() == ClassLoader.getPlatformClassLoader();
  }

  private static List<String> pathProperty(String name) {
    String value = System.getProperty(name, "");
    List<String> out = new ArrayList<>();
    for (String e : value.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * A module path entry is a modular or automatic jar, an exploded module, or a directory of those:
   * the JDK's own module finder tells which.
   */
  private void addModulePathEntry(String entry) {
    Set<ModuleReference> modules;
    try {
      modules = ModuleFinder.of(Path.of(entry)).findAll();
    } catch (FindException e) {
      throw new IllegalStateException(
          "cannot read the module path entry " + entry + " (jdk.module.path): " + e.getMessage(),
          e);
    }
    modules.stream()
        .map(ModuleReference::location)
        .flatMap(Optional::stream)
        .sorted()
        .forEach(uri -> addFile(Path.of(uri), 0));
  }

  private void addModuleLayers(Module core) {
    Set<ModuleLayer> seen = new HashSet<>();
    ModuleLayer own = core.getLayer();
    if (own != null) {
      addLayer(own, seen);
    }
    addLayer(ModuleLayer.boot(), seen);
  }

  private void addLayer(ModuleLayer layer, Set<ModuleLayer> seen) {
    if (!seen.add(layer)) {
      return;
    }
    layer.parents().forEach(p -> addLayer(p, seen));
    List<ResolvedModule> modules = new ArrayList<>(layer.configuration().modules());
    modules.sort(Comparator.comparing(ResolvedModule::name));
    int before = entries.size();
    int fromFiles = 0;
    for (ResolvedModule m : modules) {
      Optional<URI> location = m.reference().location();
      if (location.isPresent() && "file".equals(location.get().getScheme())) {
        addFile(Path.of(location.get()), 0);
        fromFiles++;
      }
    }
    if (fromFiles > 0) {
      String name = layer == ModuleLayer.boot() ? "boot module layer" : "module layer " + layer;
      lookedIn.add(
          name
              + " ("
              + fromFiles
              + " modules from files): "
              + (entries.size() - before)
              + " new entries");
    }
  }

  private void addAnchors(ClassLoader core) {
    int before = entries.size();
    for (Anchor a : ANCHORS) {
      Optional<URL> found = a.locate(core);
      if (found.isEmpty()) {
        if (a.required()) {
          problems.add(a + ", which " + describe(core) + " cannot find");
        }
      } else if (!addRoot(found.get(), a.resource(), describe(core))) {
        problems.add(
            a + ", which this JVM loaded from " + found.get() + ": not a file the host can use");
      }
    }
    lookedIn.add(
        "where the classes of "
            + ANCHORS.stream().map(Anchor::artifact).collect(Collectors.joining(", "))
            + ": "
            + (entries.size() - before)
            + " new entries");
  }

  private void failOnProblems(ClassLoader core) {
    if (problems.isEmpty()) {
      return;
    }
    throw new IllegalStateException(
        "the testlanes service host cannot be given the classes it needs: "
            + String.join("; ", problems)
            + ". Testlanes core was loaded by "
            + describe(core)
            + "; looked in: "
            + String.join("; ", lookedIn)
            + ". Fix: run the tests with testlanes-core, its dependencies and the client drivers"
            + " on the class path or module path as plain jar files or directories.");
  }

  /**
   * Adds the jar or directory that holds {@code resource}, found at {@code url}; false if that is
   * not a file.
   */
  private boolean addRoot(URL url, String resource, String from) {
    String s = url.toString();
    if (url.getProtocol().equals("jar")) {
      int bang = s.lastIndexOf("!/");
      if (bang < 0) {
        return false;
      }
      return addLocation(toUrl(s.substring("jar:".length(), bang)), from);
    }
    if (s.endsWith(resource)) {
      return addLocation(toUrl(s.substring(0, s.length() - resource.length())), from);
    }
    return addLocation(url, from);
  }

  private static @Nullable URL toUrl(String s) {
    try {
      return new URI(s).toURL();
    } catch (URISyntaxException | IOException | IllegalArgumentException e) {
      return null; // not a URL of a file: the caller reports it
    }
  }

  /** Adds a code source or class loader URL; false if it is not a file of this machine. */
  private boolean addLocation(@Nullable URL url, String from) {
    if (url == null) {
      return false;
    }
    if ("file".equals(url.getProtocol())) {
      try {
        if (addFile(Path.of(url.toURI()), 0)) {
          return true;
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a path: reported with the others below
      }
    }
    lookedIn.add(from + " holds " + url + ", which is not a file here: left out");
    return false;
  }

  /** Adds a jar or directory (and what its manifest names); false if it does not exist. */
  private boolean addFile(Path path, int depth) {
    Path entry = path.toAbsolutePath().normalize();
    if (!Files.exists(entry)) {
      return false;
    }
    if (entries.add(entry)
        && depth < MAX_MANIFEST_DEPTH
        && Files.isRegularFile(entry)
        && entry.toString().endsWith(".jar")) {
      for (Path named : manifestClassPath(entry)) {
        addFile(named, depth + 1);
      }
    }
    return true;
  }

  /** The entries a jar's {@code Class-Path} manifest attribute names, resolved against the jar. */
  private static List<Path> manifestClassPath(Path jar) {
    List<Path> named = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest m = file.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp == null || cp.isBlank()) {
        return named;
      }
      URI base = Objects.requireNonNullElse(jar.getParent(), Path.of(".")).toUri();
      for (String item : cp.trim().split("\\s+")) {
        URI uri = item.startsWith("file:") ? new URI(item) : base.resolve(item);
        named.add(Path.of(uri));
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      return named; // not a readable jar or a malformed item: the JVM ignores it just the same
    }
    return named;
  }

  private static List<URL> resources(ClassLoader l, String name) {
    try {
      return Collections.list(l.getResources(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + name + " through " + describe(l), e);
    }
  }

  private static String describe(ClassLoader l) {
    String name = l.getName();
    return "class loader " + (name != null ? "'" + name + "' " : "") + l.getClass().getName();
  }

  /** A class whose jar or directory the host needs when this JVM has it. */
  private record Anchor(String artifact, String className, boolean required) {
    static Anchor mustHave(String artifact, String className) {
      return new Anchor(artifact, className, true);
    }

    static Anchor ifPresent(String artifact, String className) {
      return new Anchor(artifact, className, false);
    }

    String resource() {
      return className.replace('.', '/') + ".class";
    }

    /**
     * Where this JVM has it: where its loader finds the class file, else, for a loader that serves
     * no resources, the class's code source. The lookup comes first because it loads no class.
     */
    Optional<URL> locate(ClassLoader loader) {
      URL file = loader.getResource(resource());
      return file != null ? Optional.of(file) : codeSource(loader);
    }

    private Optional<URL> codeSource(ClassLoader loader) {
      try {
        CodeSource source =
            Class.forName(className, false, loader).getProtectionDomain().getCodeSource();
        return Optional.ofNullable(source == null ? null : source.getLocation());
      } catch (ClassNotFoundException | LinkageError e) {
        return Optional.empty(); // absent, or unusable: the host could not load it either
      }
    }

    @Override
    public String toString() {
      return artifact + " (" + resource() + ")";
    }
  }
}

package io.testlanes.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the host's class path comes from, for class loaders of each kind, each defining testlanes
 * core's classes itself. Launches through real launchers are in junit-extension ({@code
 * LaunchersTest}, {@code SurefireLaunchIT}).
 */
class HostClasspathTest {
  private static final Path CORE_CLASSES = codeSource(HostClasspath.class);

  @Test
  void holdsCoreItsDependenciesAndTheDriversEachOnce() {
    long t0 = System.nanoTime();
    String argument = HostClasspath.argument();
    long micros = (System.nanoTime() - t0) / 1000;
    List<Path> entries = HostClasspath.entries();
    System.out.printf(
        "host class path in Surefire: %d entries, %d characters, found in %d us%n",
        entries.size(), argument.length(), micros);
    assertThat(entries)
        .contains(CORE_CLASSES, codeSource(org.slf4j.LoggerFactory.class))
        .contains(codeSource(redis.clients.jedis.Jedis.class))
        .anyMatch(p -> p.getFileName().toString().startsWith("commons-pool2-"))
        .doesNotHaveDuplicates();
  }

  @Test
  void aManifestOnlyJarIsExpandedIntoTheEntriesItNames(@TempDir Path dir) throws Exception {
    List<Path> here = HostClasspath.entries();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(
            Attributes.Name.CLASS_PATH,
            here.stream().map(p -> p.toUri().toString()).collect(Collectors.joining(" ")));
    Path jar = dir.resolve("classpath.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }
    try (URLClassLoader ide =
        new URLClassLoader("ide", urls(List.of(jar)), ClassLoader.getPlatformClassLoader())) {
      List<Path> there = entriesSeenBy(ide);
      assertThat(there.get(0)).isEqualTo(jar);
      assertThat(there.subList(1, there.size())).containsExactlyElementsOf(here);
    }
  }

  @Test
  void aChildUrlClassLoaderGivesItsUrls() throws Exception {
    List<Path> here = HostClasspath.entries();
    try (URLClassLoader child =
        new URLClassLoader("tests", urls(here), ClassLoader.getPlatformClassLoader())) {
      List<Path> there = entriesSeenBy(child);
      assertThat(there).containsAll(here).doesNotHaveDuplicates();
    }
  }

  @Test
  void aClassLoaderThatShowsNoUrlsGivesTheJarsOfItsManifestsAndTheAnchorsCodeSources()
      throws Exception {
    List<Path> here = HostClasspath.entries();
    try (OpaqueLoader opaque = new OpaqueLoader(urls(here))) {
      List<Path> there = entriesSeenBy(opaque);
      assertThat(there)
          .as("core's classes directory (found by an anchor: it has no manifest)")
          .contains(CORE_CLASSES);
      assertThat(there)
          .contains(codeSource(org.slf4j.LoggerFactory.class))
          .contains(codeSource(redis.clients.jedis.Jedis.class))
          .anyMatch(p -> p.getFileName().toString().startsWith("commons-pool2-"));
    }
  }

  @Test
  void aMissingClassIsNamedWithEveryPlaceLookedIn() throws Exception {
    try (URLClassLoader coreOnly =
        new URLClassLoader(
            "core-only", urls(List.of(CORE_CLASSES)), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> entriesSeenBy(coreOnly))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              "the testlanes service host cannot be given the classes it needs: slf4j-api"
                  + " (org/slf4j/LoggerFactory.class), which class loader 'core-only'")
          .hasMessageContaining(
              "looked in: class loader 'core-only' java.net.URLClassLoader (1 URLs)")
          .hasMessageContaining("Fix: ");
    }
  }

  /** {@link HostClasspath#entries()} of a copy of core defined by {@code loader}. */
  @SuppressWarnings("unchecked")
  private static List<Path> entriesSeenBy(ClassLoader loader) throws Exception {
    Class<?> copy = Class.forName(HostClasspath.class.getName(), true, loader);
    assertThat(copy.getClassLoader()).isSameAs(loader);
    var entries = copy.getDeclaredMethod("entries");
    entries.setAccessible(true);
    try {
      return (List<Path>) entries.invoke(null);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  private static URL[] urls(List<Path> paths) throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (Path p : paths) {
      urls.add(p.toUri().toURL());
    }
    return urls.toArray(new URL[0]);
  }

  private static Path codeSource(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A class loader that is no {@link URLClassLoader} and defines classes without a code source, as
   * some frameworks' loaders do: it shows only the resources it serves.
   */
  private static final class OpaqueLoader extends ClassLoader implements AutoCloseable {
    private final URLClassLoader hidden;

    OpaqueLoader(URL[] urls) {
      super("opaque", ClassLoader.getPlatformClassLoader());
      this.hidden = new URLClassLoader(urls, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      URL url = hidden.findResource(name.replace('.', '/') + ".class");
      if (url == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = url.openStream()) {
        byte[] b = in.readAllBytes();
        return defineClass(name, b, 0, b.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }

    @Override
    protected @Nullable URL findResource(String name) {
      return hidden.findResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
      return hidden.findResources(name);
    }

    @Override
    public void close() throws IOException {
      hidden.close();
    }
  }
}

package io.testlanes.internal.run;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * This JVM's class path as explicit entries, for starting the service host with the same classes.
 *
 * <p>Surefire (and some IDEs) start tests with a single "manifest-only" jar on {@code
 * java.class.path} whose {@code Class-Path} manifest attribute lists the real entries, and may
 * delete that jar when the fork ends. The host outlives the fork, so the manifest is expanded here
 * into the entries it names.
 */
final class Classpath {
  private Classpath() {}

  static String expanded() {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        expand(Path.of(entry).toAbsolutePath(), out, 0);
      }
    }
    return String.join(File.pathSeparator, out);
  }

  private static void expand(Path entry, Set<String> out, int depth) {
    if (!out.add(entry.toString()) || depth > 3) {
      return;
    }
    if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
      return;
    }
    List<Path> named = new ArrayList<>();
    try (JarFile jar = new JarFile(entry.toFile())) {
      Manifest m = jar.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp == null || cp.isBlank()) {
        return;
      }
      for (String item : cp.trim().split("\\s+")) {
        named.add(resolve(entry, item));
      }
    } catch (IOException | IllegalArgumentException | URISyntaxException e) {
      return; // not a readable jar: keep the entry as it is
    }
    for (Path p : named) {
      expand(p, out, depth + 1);
    }
  }

  private static Path resolve(Path jar, String item) throws URISyntaxException {
    if (item.startsWith("file:")) {
      return Path.of(new URI(item));
    }
    Path parent = jar.getParent();
    URI base = (parent == null ? Path.of(".") : parent).toUri();
    return Path.of(base.resolve(item)).normalize();
  }
}

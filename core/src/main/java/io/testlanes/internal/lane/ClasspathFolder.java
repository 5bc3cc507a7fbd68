package io.testlanes.internal.lane;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files below a class path folder, in every directory and jar that holds it: what migration
 * tools (Flyway, Liquibase) read, read here to hash them into the template's name.
 */
final class ClasspathFolder {
  private ClasspathFolder() {}

  /**
   * The text of every file below {@code folder} (a class path path without leading or trailing
   * slash) whose path relative to the folder {@code keep} accepts, by that relative path ({@code /}
   * separated), sorted.
   */
  static TreeMap<String, String> read(ClassLoader loader, String folder, Predicate<String> keep)
      throws IOException {
    TreeMap<String, String> found = new TreeMap<>();
    for (URL url : Collections.list(loader.getResources(folder))) {
      if ("file".equals(url.getProtocol())) {
        readDirectory(url, keep, found);
      } else if ("jar".equals(url.getProtocol())) {
        readJar(url, folder, keep, found);
      }
    }
    return found;
  }

  private static void readDirectory(URL url, Predicate<String> keep, TreeMap<String, String> found)
      throws IOException {
    Path dir;
    try {
      dir = Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IOException("bad class path URL " + url, e);
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        if (Files.isRegularFile(p) && keep.test(name)) {
          found.put(name, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static void readJar(
      URL url, String folder, Predicate<String> keep, TreeMap<String, String> found)
      throws IOException {
    JarURLConnection connection = (JarURLConnection) url.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (e.isDirectory() || !e.getName().startsWith(folder + "/")) {
          continue;
        }
        String name = e.getName().substring(folder.length() + 1);
        if (keep.test(name)) {
          try (InputStream in = jar.getInputStream(e)) {
            found.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
  }
}

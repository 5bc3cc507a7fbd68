package io.testlanes.internal.lane;

import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The Liquibase changelog of {@link Keys#POSTGRES_LIQUIBASE}: the master file and every file in its
 * folder and below, read from the classpath to hash them (a changed changelog, or a file it
 * includes, builds a new template), and applied to the template by Liquibase itself ({@link
 * LiquibaseRunner}), which also writes {@code databasechangelog} as the application expects: the
 * application's own Liquibase then finds every change set applied, and does nothing.
 */
final class LiquibaseChangelog {
  private static final String LIQUIBASE_CLASS = "liquibase.command.CommandScope";

  private final @Nullable String path;
  private final List<SchemaScript> files;

  private LiquibaseChangelog(@Nullable String path, List<SchemaScript> files) {
    this.path = path;
    this.files = files;
  }

  static LiquibaseChangelog none() {
    return new LiquibaseChangelog(null, List.of());
  }

  /**
   * The changelog at {@code location}, if given.
   *
   * @throws io.testlanes.config.ConfigurationException if Liquibase is not on the classpath or the
   *     changelog is not there
   */
  static LiquibaseChangelog load(Optional<String> location, ClassLoader loader) {
    if (location.isEmpty()) {
      return none();
    }
    String given = location.get();
    try {
      Class.forName(LIQUIBASE_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw Settings.configurationError(
          Keys.POSTGRES_LIQUIBASE,
          given,
          "Liquibase 4 on the test classpath",
          "add org.liquibase:liquibase-core (4.x) as a test dependency, or remove the key");
    }
    String path = resourcePath(given);
    URL master = loader.getResource(path);
    if (master == null) {
      throw Settings.configurationError(
          Keys.POSTGRES_LIQUIBASE,
          given,
          "a Liquibase changelog on the test classpath, such as src/main/resources/" + path,
          "check the location; it names one file, such as"
              + " classpath:db/changelog/db.changelog-master.yaml");
    }
    int slash = path.lastIndexOf('/');
    String folder = slash < 0 ? "" : path.substring(0, slash);
    TreeMap<String, String> found = new TreeMap<>();
    try {
      found.put(path, read(master));
      if (!folder.isEmpty()) {
        ClasspathFolder.read(loader, folder, name -> true)
            .forEach((name, text) -> found.put(folder + "/" + name, text));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Liquibase changelog at " + given, e);
    }
    List<SchemaScript> files = new ArrayList<>();
    found.forEach((name, text) -> files.add(new SchemaScript(name, text)));
    return new LiquibaseChangelog(path, List.copyOf(files));
  }

  /**
   * {@code classpath:/db/changelog/x.yaml} as {@code db/changelog/x.yaml}: the path Liquibase
   * records for it, as it does for Spring Boot's {@code spring.liquibase.change-log}.
   */
  static String resourcePath(String location) {
    String path = location.trim();
    if (path.startsWith("classpath:")) {
      path = path.substring("classpath:".length());
    }
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    return path;
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  boolean isEmpty() {
    return path == null;
  }

  /** The changelog's classpath path, as Liquibase records it. */
  String path() {
    if (path == null) {
      throw new IllegalStateException("no Liquibase changelog is configured");
    }
    return path;
  }

  /** The changelog's files, for the template's hash. */
  List<SchemaScript> files() {
    return files;
  }
}

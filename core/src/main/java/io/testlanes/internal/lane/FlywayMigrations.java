package io.testlanes.internal.lane;

import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The Flyway migrations of {@link Keys#POSTGRES_FLYWAY}: read from the classpath to hash them (so a
 * changed migration builds a new template), and applied to the template by Flyway itself ({@link
 * FlywayRunner}), which also writes {@code flyway_schema_history} as the application expects.
 */
final class FlywayMigrations {
  private static final String FLYWAY_CLASS = "org.flywaydb.core.Flyway";

  private final List<String> locations;
  private final List<SchemaScript> files;

  private FlywayMigrations(List<String> locations, List<SchemaScript> files) {
    this.locations = locations;
    this.files = files;
  }

  static FlywayMigrations none() {
    return new FlywayMigrations(List.of(), List.of());
  }

  /**
   * The migrations at {@code locations}.
   *
   * @throws io.testlanes.config.ConfigurationException if Flyway is not on the classpath, a
   *     location is not a classpath location, or it holds no migration
   */
  static FlywayMigrations load(List<String> locations, ClassLoader loader) {
    if (locations.isEmpty()) {
      return none();
    }
    String given = String.join(",", locations);
    try {
      Class.forName(FLYWAY_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw Settings.configurationError(
          Keys.POSTGRES_FLYWAY,
          given,
          "Flyway on the test classpath",
          "add org.flywaydb:flyway-core and org.flywaydb:flyway-database-postgresql as test"
              + " dependencies, or remove the key");
    }
    List<SchemaScript> files = new ArrayList<>();
    for (String location : locations) {
      if (!location.startsWith("classpath:")) {
        throw Settings.configurationError(
            Keys.POSTGRES_FLYWAY,
            given,
            "classpath locations such as classpath:db/migration",
            "put the migrations on the test classpath and name them classpath:<folder>");
      }
      String folder = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
      TreeMap<String, String> found;
      try {
        found = ClasspathFolder.read(loader, folder, name -> name.endsWith(".sql"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Flyway migrations at " + location, e);
      }
      if (found.isEmpty()) {
        throw Settings.configurationError(
            Keys.POSTGRES_FLYWAY,
            given,
            "Flyway migrations (.sql files) at " + location,
            "check the folder name; it must be on the test classpath");
      }
      found.forEach((name, text) -> files.add(new SchemaScript(location + "/" + name, text)));
    }
    return new FlywayMigrations(List.copyOf(locations), List.copyOf(files));
  }

  boolean isEmpty() {
    return locations.isEmpty();
  }

  List<String> locations() {
    return locations;
  }

  /** The migration files, for the template's hash. */
  List<SchemaScript> files() {
    return files;
  }
}

package io.testlanes.internal.lane;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A lane holder's own data: scripts run in its lane after the lane is prepared and after each
 * reset, on top of the template's rows. {@code .sql} scripts run in Postgres, {@code .cql} scripts
 * in Cassandra, each store's in the order given. The next reset undoes them like any test write.
 *
 * @param scripts the scripts of each store, in order
 */
public record LaneData(Map<Service, List<SchemaScript>> scripts) {
  /** No data of the holder's own. */
  public static final LaneData NONE = new LaneData(Map.of());

  public LaneData {
    Map<Service, List<SchemaScript>> copy = new EnumMap<>(Service.class);
    scripts.forEach((s, l) -> copy.put(s, List.copyOf(l)));
    scripts = Map.copyOf(copy);
  }

  /**
   * The store that a data script at {@code location} is for, by its file extension: {@code .sql}
   * Postgres, {@code .cql} Cassandra.
   *
   * @throws IllegalArgumentException for any other extension
   */
  public static Service storeOf(String location) {
    String lower = location.strip().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".sql")) {
      return Service.POSTGRES;
    }
    if (lower.endsWith(".cql")) {
      return Service.CASSANDRA;
    }
    throw new IllegalArgumentException(
        "data script '"
            + location
            + "' has no store: expected a name ending in .sql (run in Postgres) or .cql (run in"
            + " Cassandra). Fix: rename the file, or give its location with the extension.");
  }

  /**
   * Reads the scripts at {@code locations} (classpath resources) for a run with {@code services}.
   *
   * @throws IllegalArgumentException if a script is not on the classpath, has no store ({@link
   *     #storeOf}), or is for a store that is not a service of the run
   */
  public static LaneData load(
      List<String> locations, ClassLoader loader, Collection<Service> services) {
    if (locations.isEmpty()) {
      return NONE;
    }
    Map<Service, List<SchemaScript>> scripts = new EnumMap<>(Service.class);
    for (String location : locations) {
      Service store = storeOf(location);
      if (!services.contains(store)) {
        throw new IllegalArgumentException(
            "data script '"
                + location
                + "' is for "
                + store.id()
                + ", which is not a service of this run (it has: "
                + services.stream().map(Service::id).sorted().collect(Collectors.joining(", "))
                + "). Fix: remove the script, or add "
                + store.id()
                + " to "
                + Keys.SERVICES
                + " (or its client driver to the test class path).");
      }
      SchemaScript script = SchemaScript.find(location, loader);
      if (script == null) {
        throw new IllegalArgumentException(
            "data script '"
                + location
                + "' is not on the class path: expected a resource such as"
                + " src/test/resources/"
                + SchemaScript.resource(location)
                + ". Fix: add the file there, or correct its location.");
      }
      scripts.computeIfAbsent(store, k -> new ArrayList<>()).add(script);
    }
    return new LaneData(scripts);
  }

  /** The scripts for {@code store}, in order (none for a store without scripts). */
  public List<SchemaScript> scripts(Service store) {
    return scripts.getOrDefault(store, List.of());
  }

  public boolean isEmpty() {
    return scripts.isEmpty();
  }
}

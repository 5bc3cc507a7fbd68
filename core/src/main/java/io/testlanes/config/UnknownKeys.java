package io.testlanes.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds names under testlanes' prefix that are no key of {@link Keys} (a misspelt {@code
 * -Dtestlanes.wrokers}, {@code TESTLANES_BAKEND} or line of {@code junit-platform.properties}) and
 * suggests the key that was meant.
 */
final class UnknownKeys {
  private static final String ENV_PREFIX = ConfigSource.envName(Keys.PREFIX);

  private UnknownKeys() {}

  /**
   * One name that is no key, where it was found, and the key it probably means with that key's
   * spelling in the same source (the variable name for the environment).
   */
  private record Unknown(
      String name,
      String from,
      @Nullable String value,
      @Nullable String meant,
      @Nullable String meantSpelt) {
    String describe() {
      return "'" + name + "' (from " + from + ")";
    }

    /** {@code testlanes.workers}, or {@code TESTLANES_WORKERS (testlanes.workers)}. */
    @Nullable String hint() {
      if (meant == null || meantSpelt == null) {
        return null;
      }
      return meantSpelt.equals(meant) ? meant : meantSpelt + " (" + meant + ")";
    }
  }

  /**
   * Fails if any source holds a testlanes name that is no key.
   *
   * @throws ConfigurationException naming the first such name (and any others in its message)
   */
  static void check(List<ConfigSource> sources) {
    List<Unknown> found = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (ConfigSource source : sources) {
      Set<String> known = new HashSet<>();
      for (String key : Keys.all()) {
        known.add(source.nameOf(key));
      }
      for (String name : new TreeSet<>(source.names())) {
        if (ours(name) && !known.contains(name) && reported.add(name)) {
          String meant = meant(source, name);
          found.add(
              new Unknown(
                  name,
                  source.describe(name),
                  source.get(name).orElse(null),
                  meant,
                  meant == null ? null : source.nameOf(meant)));
        }
      }
    }
    if (!found.isEmpty()) {
      throw error(found);
    }
  }

  private static boolean ours(String name) {
    return name.startsWith(Keys.PREFIX) || name.startsWith(ENV_PREFIX);
  }

  private static ConfigurationException error(List<Unknown> found) {
    Unknown first = found.get(0);
    String message;
    if (found.size() == 1) {
      String hint = first.hint();
      message =
          "Unknown configuration key "
              + first.describe()
              + ": "
              + (hint == null ? "testlanes has no such key. " : "did you mean " + hint + "? ")
              + "Expected one of the keys listed in "
              + Keys.class.getName()
              + ". Fix: "
              + (hint == null
                  ? "correct its name, or remove it."
                  : "rename it to " + first.meantSpelt + ", or remove it.");
    } else {
      List<String> each = new ArrayList<>();
      for (Unknown u : found) {
        String hint = u.hint();
        each.add(u.describe() + (hint == null ? ", no such key" : ", did you mean " + hint + "?"));
      }
      message =
          "Unknown configuration keys "
              + String.join("; ", each)
              + ". Expected only keys listed in "
              + Keys.class.getName()
              + ". Fix: correct their names, or remove them.";
    }
    return new ConfigurationException(first.name, first.value, message);
  }

  /**
   * The key {@code name} probably means, or null when none is close: the nearest key (as {@code
   * source} spells it) within a few typing errors, or that begins with the name or that the name
   * begins with.
   */
  private static @Nullable String meant(ConfigSource source, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, name.length() / 6);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String key : Keys.all()) {
      String candidate = source.nameOf(key).toLowerCase(Locale.ROOT);
      int d = distance(lower, candidate);
      boolean prefix = candidate.startsWith(lower) || lower.startsWith(candidate);
      if ((d <= allowed || prefix) && d < bestDistance) {
        best = key;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * The number of single-character insertions, deletions, substitutions and transpositions of
   * neighbours that turn {@code a} into {@code b} (optimal string alignment distance): a swapped
   * pair of letters, the commonest typo, counts once.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

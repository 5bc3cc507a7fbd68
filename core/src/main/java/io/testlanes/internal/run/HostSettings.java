package io.testlanes.internal.run;

import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The settings that decide what a run's service host starts and how: two JVMs share a host only
 * when these are equal. Test-side settings (workers, reset, schema scripts) may differ between the
 * JVMs of one run.
 */
final class HostSettings {
  private static final Pattern SECRET_IN_URL = Pattern.compile("(password=|://[^:/@]*:)[^&@]*");

  private HostSettings() {}

  /**
   * Settings of the host that do not change what it starts: a warm host is shared whatever they say
   * (a re-run without {@code keepAlive} uses the services a run with it left warm). The cache
   * directory already separates runs: run directories live in it.
   */
  private static final Set<String> NOT_COMPARED =
      Set.of(Keys.KEEP_ALIVE, Keys.START_TIMEOUT, Keys.CACHE_DIR);

  /** Every host-side setting that decides what the host starts, defaults included, in order. */
  static Map<String, String> of(Settings settings) {
    Map<String, String> m = new LinkedHashMap<>(settings.hostSettings());
    m.keySet().removeAll(NOT_COMPARED);
    return m;
  }

  /** A short hash of {@link #of}: part of the run directory's name. */
  static String fingerprint(Settings settings) {
    StringBuilder text = new StringBuilder();
    of(settings).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** {@link #of} with passwords in URLs masked: for files and messages. */
  static Map<String, String> masked(Settings settings) {
    Map<String, String> m = new LinkedHashMap<>();
    of(settings).forEach((k, v) -> m.put(k, mask(v)));
    return m;
  }

  static String mask(String value) {
    return SECRET_IN_URL.matcher(value).replaceAll("$1***");
  }

  /**
   * The keys whose values differ between two masked host settings, as {@code key: a → b}, sorted.
   * Secrets are compared masked, so a difference in a password alone is not named.
   */
  static List<String> differences(Map<String, String> mine, Map<String, String> theirs) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(mine.keySet());
    keys.addAll(theirs.keySet());
    for (String k : keys) {
      String a = mine.get(k);
      String b = theirs.get(k);
      if (!Objects.equals(a, b)) {
        out.add(
            k
                + ": "
                + (b == null ? "(unset)" : b)
                + " there, "
                + (a == null ? "(unset)" : a)
                + " here");
      }
    }
    return out;
  }

  /** The key under which {@link #masked} values are written to the host's info file. */
  static String infoKey(String key) {
    return "setting." + key.substring(Keys.PREFIX.length());
  }
}

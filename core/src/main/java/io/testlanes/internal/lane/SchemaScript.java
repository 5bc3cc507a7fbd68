package io.testlanes.internal.lane;

import io.testlanes.config.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One schema script from the classpath: its location as configured and its text.
 *
 * @param location the classpath location as given in the configuration, such as {@code
 *     db/schema.sql}
 * @param text the script's content
 */
public record SchemaScript(String location, String text) {

  /**
   * Reads the scripts at {@code locations} (classpath resources, an optional {@code classpath:}
   * prefix and leading {@code /} allowed), in order.
   *
   * @param key the configuration key the locations came from, for the error message
   * @throws ConfigurationException if a location is not on the classpath
   */
  public static List<SchemaScript> load(List<String> locations, ClassLoader loader, String key) {
    List<SchemaScript> scripts = new ArrayList<>();
    for (String location : locations) {
      SchemaScript script = find(location, loader);
      if (script == null) {
        String resource = resource(location);
        throw new ConfigurationException(
            key,
            String.join(",", locations),
            "Schema script '"
                + location
                + "' (from "
                + key
                + ") is not on the classpath: expected a resource such as"
                + " src/test/resources/"
                + resource
                + ". Fix: add the file there, or correct the location in "
                + key
                + " (comma-separated classpath locations, applied in order).");
      }
      scripts.add(script);
    }
    return List.copyOf(scripts);
  }

  /**
   * Reads the script at {@code location} (a classpath resource, an optional {@code classpath:}
   * prefix and leading {@code /} allowed), or returns null if it is not on the classpath.
   */
  public static @Nullable SchemaScript find(String location, ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(resource(location))) {
      if (in == null) {
        return null;
      }
      return new SchemaScript(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read script " + location, e);
    }
  }

  /** The classpath resource name of {@code location}: no {@code classpath:}, no leading slash. */
  public static String resource(String location) {
    String resource = location.trim();
    if (resource.startsWith("classpath:")) {
      resource = resource.substring("classpath:".length());
    }
    while (resource.startsWith("/")) {
      resource = resource.substring(1);
    }
    return resource;
  }

  /**
   * A short hash (8 hex digits) of the scripts' contents, in order: equal scripts give equal hashes
   * in every JVM and every run, so that a template or keyspace built from them can be reused.
   */
  public static String hash(String kind, List<SchemaScript> scripts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // The version salt changes when testlanes changes how it builds what the hash names.
      sha.update(("testlanes-schema-3\0" + kind + "\0").getBytes(StandardCharsets.UTF_8));
      for (SchemaScript s : scripts) {
        byte[] text = s.text().getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(text.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(text);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

package io.testlanes.internal.run;

import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of the settings that decide what a run's service host starts ({@link
 * Settings#hostSettings()}): part of the run directory's name, so two JVMs share a host only when
 * those settings are equal. Test-side settings (workers, reset, schema scripts) may differ between
 * the JVMs of one run.
 */
final class HostSettings {
  private HostSettings() {}

  /** A short hash of {@link Settings#hostSettings()}. */
  static String fingerprint(Settings settings) {
    StringBuilder text = new StringBuilder();
    settings.hostSettings().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** The key under which a host setting is written to the host's info file. */
  static String infoKey(String key) {
    return "setting." + key.substring(Keys.PREFIX.length());
  }
}

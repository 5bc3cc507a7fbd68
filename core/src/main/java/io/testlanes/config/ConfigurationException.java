package io.testlanes.config;

import org.jspecify.annotations.Nullable;

/**
 * A configuration value that testlanes cannot use. The message names the key, where the value came
 * from, the value, what was expected and how to fix it.
 */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final @Nullable String value;

  public ConfigurationException(String key, @Nullable String value, String message) {
    super(message);
    this.key = key;
    this.value = value;
  }

  public ConfigurationException(
      String key, @Nullable String value, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
    this.value = value;
  }

  /** The key whose value is wrong or missing, such as {@code testlanes.workers}. */
  public String key() {
    return key;
  }

  /** The value that was given, or {@code null} when a required value is missing. */
  public @Nullable String value() {
    return value;
  }
}

package io.testlanes.config;

import java.util.Locale;

/** Where the services come from. See {@link Keys#BACKEND}. */
public enum Backend {
  /** Binaries from Maven artifacts (or the machine's), started by testlanes; no Docker needed. */
  EMBEDDED,
  /** Containers started with Testcontainers. */
  DOCKER,
  /** Servers that already run; testlanes only creates lanes in them. */
  EXTERNAL;

  /** The name used in configuration: {@code embedded}, {@code docker}, {@code external}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

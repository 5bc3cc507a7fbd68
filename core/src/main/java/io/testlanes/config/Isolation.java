package io.testlanes.config;

import java.util.Locale;

/** How parallel workers are kept apart. See {@link Keys#ISOLATION}. */
public enum Isolation {
  /** Each worker gets its own database, keyspace and Redis database. */
  LANES,
  /** Every worker uses one database, keyspace and Redis database: the naive setup. */
  SHARED;

  /** The name used in configuration: {@code lanes} or {@code shared}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

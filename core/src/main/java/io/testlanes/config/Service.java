package io.testlanes.config;

import java.util.Locale;

/** A data store that testlanes starts or finds, and isolates per lane. */
public enum Service {
  POSTGRES("org.postgresql.Driver"),
  REDIS("redis.clients.jedis.Jedis"),
  CASSANDRA("com.datastax.oss.driver.api.core.CqlSession");

  private final String driverClass;

  Service(String driverClass) {
    this.driverClass = driverClass;
  }

  /**
   * The name used in configuration and logs: {@code postgres}, {@code redis}, {@code cassandra}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A class of the client driver whose presence on the classpath selects this service by default.
   */
  public String driverClass() {
    return driverClass;
  }
}

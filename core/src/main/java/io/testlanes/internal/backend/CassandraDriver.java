package io.testlanes.internal.backend;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

/**
 * The Cassandra driver configuration every session testlanes opens starts from: tuned for tests on
 * one node. Loaded only where a Cassandra session is made, so that a project without the driver
 * never loads it.
 */
public final class CassandraDriver {
  private CassandraDriver() {}

  /**
   * A configuration builder with no schema metadata and no token map (the driver's debounced
   * metadata refresh after each DDL statement would dominate its time, and one node needs no
   * routing) and no quiet period when a session closes (Netty's default waits 2 s for each of a
   * session's event loop groups: measured 2.1 s per {@code close()} against 4–10 ms without it, for
   * every lane's session at the end of a run).
   */
  public static ProgrammaticDriverConfigLoaderBuilder tunedForTests() {
    return DriverConfigLoader.programmaticBuilder()
        .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
        .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
        .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
  }
}

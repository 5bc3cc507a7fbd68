package io.testlanes.internal.backend;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Cassandra's readiness round trip; needs the Java driver 4. */
final class CassandraRoundTrip {
  private CassandraRoundTrip() {}

  /** {@code SELECT release_version FROM system.local}; returns the version. */
  static String releaseVersion(ServiceEndpoint e) {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
            .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
            .build();
    var builder =
        CqlSession.builder()
            .withConfigLoader(config)
            .addContactPoints(List.of(new InetSocketAddress(e.host(), e.port())))
            .withLocalDatacenter(e.attribute(ServiceEndpoint.DATACENTER).orElse("datacenter1"));
    if (!e.user().isEmpty()) {
      builder = builder.withAuthCredentials(e.user(), e.password());
    }
    try (CqlSession s = builder.build()) {
      Row row = s.execute("SELECT release_version FROM system.local").one();
      if (row == null) {
        throw new IllegalStateException("system.local returned no row");
      }
      return String.valueOf(row.getString(0));
    }
  }
}

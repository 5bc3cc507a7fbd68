package io.testlanes.run;

import io.testlanes.Lane;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code DataSource}s of lanes: the PostgreSQL driver's own, one per lane database. Each {@code
 * getConnection()} opens a connection (a few milliseconds on loopback); there is no pool whose
 * connections could outlive a test and block the next reset.
 */
final class PostgresClients {
  private final Map<String, DataSource> byLane = new ConcurrentHashMap<>();

  DataSource dataSource(Lane lane) {
    return byLane.computeIfAbsent(
        lane.database(),
        db -> {
          PGSimpleDataSource ds = new PGSimpleDataSource();
          ds.setUrl(lane.jdbcUrl());
          ds.setUser(lane.jdbcUser());
          ds.setPassword(lane.jdbcPassword());
          ds.setApplicationName("testlanes " + lane.name());
          return ds;
        });
  }
}

package io.testlanes.run;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import io.testlanes.Lane;
import io.testlanes.internal.backend.CassandraDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code CqlSession}s bound to lane keyspaces, one per lane, kept for the whole execution: a
 * session costs hundreds of milliseconds to connect. Tuned for tests on one node: schema metadata
 * and the token map off (DDL does not wait for the driver's debounced metadata refresh) and a 20 s
 * request timeout (DDL on a busy 2-core machine takes longer than the default 2 s).
 */
final class CassandraClients implements AutoCloseable {
  private final Map<String, CqlSession> byLane = new ConcurrentHashMap<>();

  CqlSession session(Lane lane) {
    return byLane.computeIfAbsent(
        lane.keyspace(),
        ks ->
            login(CqlSession.builder(), lane)
                .addContactPoint(lane.cassandraContactPoint())
                .withLocalDatacenter(lane.cassandraLocalDatacenter())
                .withKeyspace(ks)
                .withConfigLoader(
                    CassandraDriver.tunedForTests()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                        .withDuration(
                            DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                            Duration.ofSeconds(10))
                        .build())
                .build());
  }

  /** With the lane's Cassandra login, where the node needs one. */
  private static CqlSessionBuilder login(CqlSessionBuilder builder, Lane lane) {
    return lane.cassandraUser().isEmpty()
        ? builder
        : builder.withAuthCredentials(lane.cassandraUser(), lane.cassandraPassword());
  }

  @Override
  public void close() throws Exception {
    List<CqlSession> all = new ArrayList<>(byLane.values());
    byLane.clear();
    Closing.closeAll(all);
  }
}

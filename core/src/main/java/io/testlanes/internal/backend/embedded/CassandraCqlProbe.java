package io.testlanes.internal.backend.embedded;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.CassandraDefaultRole;
import io.testlanes.internal.backend.CassandraDriver;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.log.Log;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;

/**
 * The readiness round trip: {@code SELECT release_version FROM system.local} through the Java
 * driver, logged in with the default role, whose password it then replaces ({@link
 * CassandraDefaultRole}). Only this class touches the driver, an optional dependency: {@link
 * EmbeddedCassandra} calls it only when the driver is on the classpath.
 */
final class CassandraCqlProbe {
  private static final Log log = Log.get("io.testlanes.cassandra");
  static final String DRIVER_CLASS = "com.datastax.oss.driver.api.core.CqlSession";

  private CassandraCqlProbe() {}

  static boolean driverPresent() {
    try {
      Class.forName(DRIVER_CLASS, false, CassandraCqlProbe.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Loads and initialises the driver on a background thread while the node boots: a cold driver
   * takes about 2 s of CPU to connect for the first time (class loading, Netty, configuration),
   * which would otherwise come after the node is up. The warm-up connects to the node's CQL port
   * before anything listens there, and fails, as expected.
   */
  static void warmUpInBackground(String host, int port, String datacenter) {
    Thread t =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              try (CqlSession session =
                  session(host, port, datacenter, Duration.ofSeconds(1), "testlanes-warm-up")) {
                log.debug("cassandra: driver warm-up connected early to port {}", port);
              } catch (RuntimeException expected) {
                log.debug(
                    "cassandra: driver warmed up in {} ({})",
                    EmbeddedCassandra.seconds(System.nanoTime() - t0),
                    expected.getClass().getSimpleName());
              }
            },
            "testlanes-cassandra-driver-warmup");
    t.setDaemon(true);
    t.start();
  }

  /** What the readiness query returned. */
  record Answer(String releaseVersion, String clusterName) {}

  /**
   * Logs in with Cassandra's default role, asks {@code system.local} for the release version and
   * cluster name and, if the cluster is {@code clusterName} (this node, not another that holds the
   * port), replaces the default role's password with {@code password}; then disconnects.
   *
   * @throws ServiceStartException if another client got into the node with the default password
   * @throws RuntimeException whatever the driver throws when the node does not answer yet (also an
   *     authentication failure while the node has not made its default role)
   */
  static Answer ask(
      String host,
      int port,
      String datacenter,
      Duration timeout,
      String clusterName,
      String password) {
    String application = "testlanes-readiness-" + UUID.randomUUID();
    try (CqlSession session = session(host, port, datacenter, timeout, application)) {
      Row row = session.execute("SELECT release_version, cluster_name FROM system.local").one();
      if (row == null) {
        throw new IllegalStateException("system.local returned no row");
      }
      Answer answer =
          new Answer(
              String.valueOf(row.getString("release_version")),
              String.valueOf(row.getString("cluster_name")));
      if (answer.clusterName().equals(clusterName)) {
        try {
          CassandraDefaultRole.replacePassword(session, application, password);
        } catch (IllegalStateException e) {
          throw new ServiceStartException(Service.CASSANDRA, String.valueOf(e.getMessage()), "", e);
        }
      }
      return answer;
    }
  }

  private static CqlSession session(
      String host, int port, String datacenter, Duration timeout, String application) {
    DriverConfigLoader config =
        CassandraDriver.tunedForTests()
            // One query: no pool beyond one connection.
            .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
            .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1)
            .withString(DefaultDriverOption.SESSION_NAME, "testlanes-readiness")
            // The warm-up fails to connect on purpose, and the probe may retry: no WARN for it.
            .withBoolean(DefaultDriverOption.CONNECTION_WARN_INIT_ERROR, false)
            .build();
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(host, port))
        .withLocalDatacenter(datacenter)
        .withAuthCredentials(CassandraDefaultRole.USER, CassandraDefaultRole.DEFAULT_PASSWORD)
        .withApplicationName(application)
        .withConfigLoader(config)
        .build();
  }
}

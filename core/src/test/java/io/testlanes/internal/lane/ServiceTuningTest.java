package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The test tuning every backend must give (CI runs this class on embedded, docker and external):
 * Postgres without durability, Redis without persistence, Cassandra without snapshots, all on
 * loopback.
 */
class ServiceTuningTest {
  private static TestServices services;

  @BeforeAll
  static void start() {
    services = TestServices.start(4, Service.POSTGRES, Service.REDIS, Service.CASSANDRA);
  }

  @AfterAll
  static void stop() {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void postgresRunsWithoutDurability() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.POSTGRES);
    try (Connection c =
            DriverManager.getConnection(
                e.jdbcUrl(e.attribute(ServiceEndpoint.DATABASE).orElse("postgres")),
                e.user(),
                e.password());
        Statement s = c.createStatement()) {
      for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          assertThat(rs.getString(1)).as(setting).isEqualTo("off");
        }
      }
    }
    assertThat(InetAddress.getByName(e.host()).isLoopbackAddress()).isTrue();
  }

  @Test
  void redisRunsWithoutPersistence() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.REDIS);
    DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder();
    if (!e.password().isEmpty()) {
      cfg.password(e.password());
    }
    try (Jedis j = new Jedis(new HostAndPort(e.host(), e.port()), cfg.build())) {
      assertThat(j.configGet("save").get("save")).isEmpty();
      assertThat(j.configGet("appendonly").get("appendonly")).isEqualTo("no");
      assertThat(Integer.parseInt(j.configGet("databases").get("databases")))
          .isGreaterThanOrEqualTo(5);
    }
    assertThat(InetAddress.getByName(e.host()).isLoopbackAddress()).isTrue();
  }

  @Test
  void cassandraTakesNoSnapshotsOnTruncate() throws Exception {
    ServiceEndpoint e = services.endpoint(Service.CASSANDRA);
    try (CqlSession s =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(e.host(), e.port()))
            .withLocalDatacenter(e.attribute(ServiceEndpoint.DATACENTER).orElse("datacenter1"))
            .withAuthCredentials(e.user(), e.password())
            .build()) {
      Row row =
          s.execute("SELECT value FROM system_views.settings WHERE name = 'auto_snapshot'").one();
      assertThat(row).isNotNull();
      assertThat(java.util.Objects.requireNonNull(row).getString("value")).isEqualTo("false");
    }
    assertThat(InetAddress.getByName(e.host()).isLoopbackAddress()).isTrue();
  }
}

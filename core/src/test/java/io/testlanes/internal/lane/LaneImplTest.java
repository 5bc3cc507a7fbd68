package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every fact a lane gives, for each store: what real clients are configured with. */
class LaneImplTest {
  private static final ServiceEndpoint POSTGRES =
      new ServiceEndpoint(
          Service.POSTGRES,
          "127.0.0.1",
          41234,
          "tl_k3j9x0q2ab",
          "pgSecret",
          Map.of(ServiceEndpoint.DATABASE, "postgres"));
  private static final ServiceEndpoint REDIS =
      new ServiceEndpoint(
          Service.REDIS,
          "127.0.0.1",
          47303,
          "",
          "redisSecret",
          Map.of(ServiceEndpoint.DATABASES, "16"));
  private static final ServiceEndpoint CASSANDRA =
      new ServiceEndpoint(
          Service.CASSANDRA,
          "127.0.0.1",
          45125,
          "cassandra",
          "cqlSecret",
          Map.of(ServiceEndpoint.DATACENTER, "datacenter1"));

  private final Lane lane =
      new LaneImpl(
          3,
          Map.of(Service.POSTGRES, POSTGRES, Service.REDIS, REDIS, Service.CASSANDRA, CASSANDRA));

  @Test
  void postgresFacts() {
    assertThat(lane.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:41234/lane_3");
    assertThat(lane.postgresHost()).isEqualTo("127.0.0.1");
    assertThat(lane.postgresPort()).isEqualTo(41234);
    assertThat(lane.database()).isEqualTo("lane_3");
    assertThat(lane.jdbcUser()).isEqualTo("tl_k3j9x0q2ab");
    assertThat(lane.jdbcPassword()).isEqualTo("pgSecret");
  }

  @Test
  void cassandraFacts() {
    assertThat(lane.keyspace()).isEqualTo("lane_3");
    assertThat(lane.cassandraHost()).isEqualTo("127.0.0.1");
    assertThat(lane.cassandraPort()).isEqualTo(45125);
    assertThat(lane.cassandraContactPoint()).isEqualTo(new InetSocketAddress("127.0.0.1", 45125));
    assertThat(lane.cassandraLocalDatacenter()).isEqualTo("datacenter1");
    assertThat(lane.cassandraUser()).isEqualTo("cassandra");
    assertThat(lane.cassandraPassword()).isEqualTo("cqlSecret");
  }

  @Test
  void redisFacts() {
    assertThat(lane.redisUri()).isEqualTo("redis://:redisSecret@127.0.0.1:47303/3");
    assertThat(lane.redisHost()).isEqualTo("127.0.0.1");
    assertThat(lane.redisPort()).isEqualTo(47303);
    assertThat(lane.redisDatabase()).isEqualTo(3);
    assertThat(lane.redisUser()).isEmpty();
    assertThat(lane.redisPassword()).isEqualTo("redisSecret");
  }

  @Test
  void aClusterWithoutLoginHasEmptyCredentials() {
    ServiceEndpoint open =
        new ServiceEndpoint(
            Service.CASSANDRA, "db", 9042, "", "", Map.of(ServiceEndpoint.DATACENTER, "dc1"));
    Lane l = new LaneImpl(1, Map.of(Service.CASSANDRA, open));

    assertThat(l.cassandraUser()).isEmpty();
    assertThat(l.cassandraPassword()).isEmpty();
    assertThat(l.cassandraLocalDatacenter()).isEqualTo("dc1");
  }

  @Test
  void aFactOfAServiceTheRunDidNotStartNamesTheFix() {
    Lane postgresOnly = new LaneImpl(1, Map.of(Service.POSTGRES, POSTGRES));

    assertThatThrownBy(postgresOnly::cassandraPort)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cassandra is not a service of this run, so lane_1 has no cassandra part. Fix: include"
                + " cassandra in testlanes.services (for example -Dtestlanes.services=cassandra,...),"
                + " or leave the key unset and put its driver on the test classpath (class"
                + " com.datastax.oss.driver.api.core.CqlSession).");
    assertThatThrownBy(postgresOnly::redisPassword)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("redis is not a service of this run");
  }

  @Test
  void itsDescriptionHasNoPassword() {
    assertThat(lane.toString())
        .isEqualTo("lane_3 (postgres, redis, cassandra)")
        .doesNotContain("Secret");
  }
}

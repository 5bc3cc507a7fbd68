package io.testlanes.internal.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The docker backend against a real engine (run with {@code -Pdocker}; images from {@code
 * ci/images/build-all.sh} unless {@code -Dtestlanes.docker.*Image} say otherwise).
 */
@Tag("docker")
class DockerBackendDockerIT {

  @Test
  void postgresAnswersWithoutDurabilityOnTmpfsAndOnLoopbackOnly() throws Exception {
    try (DockerFixture f = new DockerFixture(4)) {
      RunningService pg = f.start(Service.POSTGRES);
      ServiceEndpoint e = pg.endpoint();

      assertThat(e.host()).isEqualTo("127.0.0.1");
      assertThat(e.user()).isEqualTo("testlanes");
      assertThat(e.password()).hasSize(32).isNotEqualTo(ContainerSpec.newPassword());
      assertThat(pg.readyTime()).isPositive();
      try (Connection c =
              DriverManager.getConnection(e.jdbcUrl("postgres"), e.user(), e.password());
          Statement s = c.createStatement()) {
        assertThat(show(s, "fsync")).isEqualTo("off");
        assertThat(show(s, "synchronous_commit")).isEqualTo("off");
        assertThat(show(s, "full_page_writes")).isEqualTo("off");
        assertThat(show(s, "data_directory")).isEqualTo(ContainerSpec.POSTGRES_DATA);
      }
      assertThat(Docker.tmpfsMounts(containerId(pg))).contains(ContainerSpec.POSTGRES_DATA);
      assertLoopbackOnly(pg);
      assertThatThrownBy(
              () -> DriverManager.getConnection(e.jdbcUrl("postgres"), e.user(), "wrong").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      String started = Docker.env(containerId(pg), "POSTGRES_PASSWORD");
      assertThat(started).hasSize(32).isNotEqualTo(e.password());
      assertThatThrownBy(
              () -> DriverManager.getConnection(e.jdbcUrl("postgres"), e.user(), started).close())
          .as("the password the container was started with, in its environment, was replaced")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      assertThat(Docker.inspect(containerId(pg))).doesNotContain(e.password());

      assertRemovedOnClose(pg);
    }
  }

  @Test
  void redisAnswersWithPasswordWithoutPersistenceAndWithADatabasePerLane() {
    int lanes = 20;
    try (DockerFixture f = new DockerFixture(lanes)) {
      RunningService redis = f.start(Service.REDIS);
      ServiceEndpoint e = redis.endpoint();

      assertThat(e.host()).isEqualTo("127.0.0.1");
      assertThat(e.attribute(ServiceEndpoint.DATABASES)).contains(Integer.toString(lanes + 1));
      try (Jedis j =
          new Jedis(
              new HostAndPort(e.host(), e.port()),
              DefaultJedisClientConfig.builder().user(e.user()).password(e.password()).build())) {
        assertThat(j.ping()).isEqualTo("PONG");
        assertThat(j.configGet("save")).containsEntry("save", "");
        assertThat(j.configGet("appendonly")).containsEntry("appendonly", "no");
        assertThat(j.configGet("databases"))
            .containsEntry("databases", Integer.toString(lanes + 1));
        j.select(lanes);
        j.set("k", "v");
        assertThat(j.get("k")).isEqualTo("v");
      }
      try (Jedis anonymous = new Jedis(e.host(), e.port())) {
        assertThatThrownBy(anonymous::ping)
            .isInstanceOf(JedisDataException.class)
            .hasMessageContaining("NOAUTH");
      }
      assertThat(Docker.tmpfsMounts(containerId(redis))).contains("/data");
      assertThat(Docker.inspect(containerId(redis)))
          .as("the password is in a file, not in the command or environment")
          .doesNotContain(e.password());
      assertLoopbackOnly(redis);

      assertRemovedOnClose(redis);
    }
  }

  @Test
  void cassandraAnswersWithoutSnapshotsOnTmpfsAndOnLoopbackOnly() {
    try (DockerFixture f = new DockerFixture(4)) {
      RunningService cassandra = f.start(Service.CASSANDRA);
      ServiceEndpoint e = cassandra.endpoint();

      assertThat(e.host()).isEqualTo("127.0.0.1");
      try (CqlSession s =
          CqlSession.builder()
              .addContactPoint(new InetSocketAddress(e.host(), e.port()))
              .withLocalDatacenter(e.attribute(ServiceEndpoint.DATACENTER).orElseThrow())
              .withAuthCredentials(e.user(), e.password())
              .build()) {
        Row version =
            Objects.requireNonNull(s.execute("SELECT release_version FROM system.local").one());
        assertThat(version.getString(0)).startsWith("5.0");
        Row snapshot =
            Objects.requireNonNull(
                s.execute("SELECT value FROM system_views.settings WHERE name = 'auto_snapshot'")
                    .one());
        assertThat(snapshot.getString(0)).isEqualTo("false");
      }
      assertThat(e.user()).isEqualTo("cassandra");
      assertThat(e.password()).hasSize(32);
      assertThatThrownBy(
              () ->
                  CqlSession.builder()
                      .addContactPoint(new InetSocketAddress(e.host(), e.port()))
                      .withLocalDatacenter(e.attribute(ServiceEndpoint.DATACENTER).orElseThrow())
                      .withAuthCredentials("cassandra", "cassandra")
                      .build()
                      .close())
          .hasMessageContaining("Provided username cassandra and/or password are incorrect");
      assertThat(Docker.inspect(containerId(cassandra))).doesNotContain(e.password());
      assertThat(Docker.tmpfsMounts(containerId(cassandra))).contains("/var/lib/cassandra");
      assertLoopbackOnly(cassandra);

      assertRemovedOnClose(cassandra);
    }
  }

  @Test
  void theWatchdogRemovesTheContainerWhenItsOwnerIsGone() {
    try (DockerFixture f = new DockerFixture(1)) {
      RunningService redis = f.start(Service.REDIS);
      assertThat(Docker.psAll(containerId(redis))).isEqualTo(containerId(redis));

      // Closing the watchdog's pipe is what the owner's death does: it removes what is registered.
      f.watchdog.close();

      assertThat(Docker.psAll(containerId(redis))).isEmpty();
      redis.close(); // still safe once the container is gone
    }
  }

  @Test
  void anImageThatIsNeitherLocalNorPullableGivesTheSettingToChange() {
    try (DockerFixture f =
        new DockerFixture(1, Map.of(Keys.DOCKER_REDIS_IMAGE, "testlanes/no-such-image:0"))) {
      assertThatThrownBy(() -> f.start(Service.REDIS))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageContaining("image 'testlanes/no-such-image:0' is not on this Docker engine")
          .hasMessageContaining(Keys.DOCKER_REDIS_IMAGE)
          .hasMessageContaining("-Dtestlanes.backend=embedded");
    }
    assertThat(Docker.run("ps", "-a", "-q", "--filter", "label=" + DockerContainers.SERVICE_LABEL))
        .isEmpty();
  }

  @Test
  void aContainerThatIsNotReadyFailsWithItsLogWithoutSecretsAndIsRemoved() {
    try (DockerFixture f =
        new DockerFixture(
            1,
            Map.of(
                Keys.DOCKER_POSTGRES_IMAGE, DockerFixture.REDIS_IMAGE, Keys.START_TIMEOUT, "4s"))) {
      assertThatThrownBy(() -> f.start(Service.POSTGRES))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageContaining(
              "postgres failed to start: the container of image 'testlanes/redis:7'")
          .hasMessageContaining("within 4 s")
          .hasMessageContaining(Keys.START_TIMEOUT)
          .hasMessageContaining("--- last lines of the postgres log ---")
          .hasMessageContaining("postgres: not found") // the redis image has no postgres
          .hasMessageNotContaining("POSTGRES_PASSWORD");
    }
    assertThat(Docker.run("ps", "-a", "-q", "--filter", "label=" + DockerContainers.SERVICE_LABEL))
        .isEmpty();
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static void assertLoopbackOnly(RunningService service) {
    List<String> bindings =
        Arrays.stream(Docker.hostBindings(containerId(service)).split("\n"))
            .filter(l -> !l.isBlank())
            .toList();
    assertThat(bindings)
        .isNotEmpty()
        .allSatisfy(b -> assertThat(b).startsWith("127.0.0.1:"))
        .contains("127.0.0.1:" + service.endpoint().port());
  }

  private static String containerId(RunningService service) {
    return ((DockerService) service.handle()).containerId();
  }

  private static void assertRemovedOnClose(RunningService service) {
    String id = containerId(service);
    assertThat(Docker.psAll(id)).isEqualTo(id);
    service.close();
    assertThat(Docker.psAll(id)).isEmpty();
    service.close(); // twice is safe
  }
}

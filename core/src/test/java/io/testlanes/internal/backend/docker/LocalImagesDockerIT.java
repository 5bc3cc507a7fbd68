package io.testlanes.internal.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The images from {@code ci/images} stand in for the official ones with Testcontainers' own
 * modules, which rely on the official images' entrypoints: Postgres's two "ready" log lines and
 * POSTGRES_* variables; Cassandra's cqlsh for the wait strategy and init scripts.
 */
@Tag("docker")
class LocalImagesDockerIT {

  @Test
  void postgresContainerStartsTheLocalImageAsACompatibleSubstitute() throws Exception {
    DockerImageName image =
        DockerImageName.parse(DockerFixture.POSTGRES_IMAGE).asCompatibleSubstituteFor("postgres");
    try (PostgreSQLContainer pg =
        new PostgreSQLContainer(image).withTmpFs(Map.of("/var/lib/postgresql/data", "rw"))) {
      pg.start();
      try (Connection c =
              DriverManager.getConnection(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT current_database(), current_user, version()")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(pg.getDatabaseName());
        assertThat(rs.getString(2)).isEqualTo(pg.getUsername());
        assertThat(rs.getString(3)).startsWith("PostgreSQL 15");
      }
    }
  }

  @Test
  void cassandraContainerWaitsWithCqlshAndRunsAnInitScriptOnTheLocalImage() {
    DockerImageName image =
        DockerImageName.parse(DockerFixture.CASSANDRA_IMAGE).asCompatibleSubstituteFor("cassandra");
    try (CassandraContainer cassandra =
        new CassandraContainer(image)
            .withTmpFs(Map.of("/var/lib/cassandra", "rw"))
            .withInitScript("docker/cassandra-init.cql")) {
      cassandra.start();
      try (CqlSession s =
          CqlSession.builder()
              .addContactPoint(cassandra.getContactPoint())
              .withLocalDatacenter(cassandra.getLocalDatacenter())
              .build()) {
        Row row =
            Objects.requireNonNull(
                s.execute("SELECT name FROM init_check.greetings WHERE id = 2").one());
        assertThat(row.getString(0)).isEqualTo("semi;colon 'quoted'");
      }
    }
  }
}

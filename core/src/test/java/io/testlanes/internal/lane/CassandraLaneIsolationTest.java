package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.testlanes.Lane;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CassandraLaneIsolationTest extends LaneIsolationContract {
  private @Nullable CqlSession client;

  @Override
  Service service() {
    return Service.CASSANDRA;
  }

  @Override
  StoreIsolation newIsolation(ServiceEndpoint endpoint) {
    return isolation(endpoint, "lane/schema.cql");
  }

  static CassandraIsolation isolation(ServiceEndpoint endpoint, String... scripts) {
    return new CassandraIsolation(
        endpoint,
        SchemaScript.load(
            List.of(scripts),
            CassandraLaneIsolationTest.class.getClassLoader(),
            Keys.CASSANDRA_SCHEMA));
  }

  private Lane lane(int lane) {
    return new LaneImpl(lane, Map.of(Service.CASSANDRA, services.endpoint(Service.CASSANDRA)));
  }

  /** One session for every lane, as a test's own client; tables named with the lane's keyspace. */
  private synchronized CqlSession client() {
    if (client == null) {
      Lane facts = lane(1);
      client =
          CqlSession.builder()
              .addContactPoint(facts.cassandraContactPoint())
              .withLocalDatacenter(facts.cassandraLocalDatacenter())
              .withAuthCredentials(facts.cassandraUser(), facts.cassandraPassword())
              .withConfigLoader(
                  DriverConfigLoader.programmaticBuilder()
                      .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                      .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                      .build())
              .build();
    }
    return client;
  }

  private String table(int lane, String table) {
    return lane(lane).keyspace() + "." + table;
  }

  @Override
  void write(int lane, int rows, String value) {
    CqlSession s = client();
    for (int i = 1; i <= rows; i++) {
      s.execute(
          SimpleStatement.newInstance(
              "INSERT INTO "
                  + table(lane, "orders")
                  + " (order_id, customer_id, status)"
                  + " VALUES (?, 1, ?)",
              (long) i,
              value));
    }
  }

  @Override
  List<String> read(int lane) {
    List<String> out = new ArrayList<>();
    for (Row r : client().execute("SELECT status FROM " + table(lane, "orders"))) {
      out.add(r.getString(0));
    }
    return out;
  }

  @Override
  void createOwnTableAndWrite(int lane) {
    client()
        .execute(
            "CREATE TABLE IF NOT EXISTS "
                + table(lane, "scratch_made_by_test")
                + " (id int PRIMARY KEY, note text)");
    client()
        .execute(
            "INSERT INTO " + table(lane, "scratch_made_by_test") + " (id, note) VALUES (1, 'x')");
  }

  @Override
  long countOwnTable(int lane) {
    Row r = client().execute("SELECT count(*) FROM " + table(lane, "scratch_made_by_test")).one();
    return r == null ? 0 : r.getLong(0);
  }

  @Override
  void closeClients() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private boolean keyspaceExists(String name) {
    return client()
            .execute(
                SimpleStatement.newInstance(
                    "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
                    name))
            .one()
        != null;
  }

  @Test
  void resetEmptiesCounterTablesToo() {
    client()
        .execute(
            "UPDATE "
                + table(1, "product_views")
                + " SET views = views + 3 WHERE product_id = 1 AND day = '2026-11-26'");
    assertThat(client().execute("SELECT views FROM " + table(1, "product_views")).one())
        .isNotNull();

    assertThat(isolation.reset(1).detail()).isEqualTo("truncated 5 table(s)");

    assertThat(client().execute("SELECT views FROM " + table(1, "product_views")).one()).isNull();
  }

  @Test
  void aKeyspaceWithAnotherSchemaIsDroppedAndBuiltAgain() {
    ServiceEndpoint e = services.endpoint(Service.CASSANDRA);
    try (CassandraIsolation other = isolation(e, "lane/schema.cql", "lane/extra.cql")) {
      assertThat(other.prepare(3).detail()).startsWith("rebuilt lane_3");
      client().execute("SELECT * FROM " + table(3, "extra"));
    }
    assertThat(isolation.prepare(3).detail()).startsWith("rebuilt lane_3");
    assertThatThrownBy(() -> client().execute("SELECT * FROM " + table(3, "extra")))
        .hasMessageContaining("extra");
  }

  @Test
  void aBrokenScriptNamesScriptLineAndMessageAndLeavesNoKeyspace() {
    ServiceEndpoint e = services.endpoint(Service.CASSANDRA);
    try (CassandraIsolation broken = isolation(e, "lane/schema.cql", "lane/broken.cql")) {
      assertThatThrownBy(() -> broken.prepare(8))
          .isInstanceOfSatisfying(
              SchemaException.class,
              ex -> {
                assertThat(ex.script()).isEqualTo("lane/broken.cql");
                assertThat(ex.line()).isBetween(4, 6);
                assertThat(ex.databaseMessage()).containsIgnoringCase("txet");
                assertThat(ex.getMessage())
                    .startsWith("cassandra schema script lane/broken.cql failed at line ");
              });
    }
    assertThat(keyspaceExists("lane_8")).isFalse();
    assertThat(
            client().execute("SELECT * FROM testlanes.lanes WHERE keyspace_name = 'lane_8'").one())
        .isNull();
  }

  @Test
  void dropRemovesTheKeyspaceAndItsRecord() {
    try (CassandraIsolation other =
        isolation(services.endpoint(Service.CASSANDRA), "lane/schema.cql")) {
      other.prepare(7);
      assertThat(keyspaceExists("lane_7")).isTrue();
      other.drop(7);
      assertThat(keyspaceExists("lane_7")).isFalse();
      assertThat(
              client()
                  .execute("SELECT * FROM testlanes.lanes WHERE keyspace_name = 'lane_7'")
                  .one())
          .isNull();
    }
  }
}

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
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
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

    assertThat(isolation.reset(1).detail()).startsWith("truncated ").contains("product_views");

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

  // --- back to the template's state: seed rows, only what was written, real keyspace names ----

  /** Lane of the schema with seed rows (lane/seed.cql). */
  private static final int SEEDED = 5;

  /** Lane of the scripts written for keyspace shedlock. */
  private static final int SHEDLOCK = 6;

  private List<String> strings(String cql) {
    List<String> out = new ArrayList<>();
    for (Row r : client().execute(cql)) {
      out.add(String.valueOf(r.getObject(0)));
    }
    return out;
  }

  /** Per table id, Cassandra's record of its last truncation. */
  private Map<UUID, ByteBuffer> truncations() {
    Row r = Objects.requireNonNull(client().execute("SELECT truncated_at FROM system.local").one());
    return Map.copyOf(r.getMap(0, UUID.class, ByteBuffer.class));
  }

  private Map<String, UUID> tableIds(int lane) {
    Map<String, UUID> out = new TreeMap<>();
    for (Row r :
        client()
            .execute(
                SimpleStatement.newInstance(
                    "SELECT table_name, id FROM system_schema.tables WHERE keyspace_name = ?",
                    LaneNames.of(lane)))) {
      out.put(r.getString(0), r.getUuid(1));
    }
    return out;
  }

  /** The tables whose truncation record changed between {@code before} and now. */
  private List<String> truncatedSince(int lane, Map<UUID, ByteBuffer> before) {
    Map<UUID, ByteBuffer> now = truncations();
    return tableIds(lane).entrySet().stream()
        .filter(e -> !Objects.equals(before.get(e.getValue()), now.get(e.getValue())))
        .map(Map.Entry::getKey)
        .toList();
  }

  @Test
  void aResetTruncatesOnlyWrittenTablesAndWritesTheirSeedRowsAgain() {
    try (CassandraIsolation c =
        isolation(services.endpoint(Service.CASSANDRA), "lane/schema.cql", "lane/seed.cql")) {
      c.prepare(SEEDED);
      assertThat(c.reset(SEEDED).detail()).isEqualTo("nothing written: 0 of 6 table(s) truncated");
      assertThat(strings("SELECT name FROM " + table(SEEDED, "currencies")))
          .containsExactlyInAnyOrder("Swiss franc", "Euro (EUR)", "US dollar");
      Map<UUID, ByteBuffer> before = truncations();
      write(SEEDED, 2, "written by a test");
      client().execute("DELETE FROM " + table(SEEDED, "currencies") + " WHERE code = 'USD'");
      client()
          .execute(
              "UPDATE "
                  + table(SEEDED, "product_views")
                  + " SET views = views + 1 WHERE product_id = 1 AND day = '2026-01-01'");

      assertThat(c.reset(SEEDED).detail())
          .isEqualTo(
              "truncated 3 of 6 table(s) [currencies, orders, product_views],"
                  + " wrote 4 seed row(s) again");

      assertThat(truncatedSince(SEEDED, before))
          .containsExactlyInAnyOrder("currencies", "orders", "product_views");
      assertThat(read(SEEDED)).isEmpty();
      assertThat(strings("SELECT code FROM " + table(SEEDED, "currencies")))
          .containsExactlyInAnyOrder("CHF", "EUR", "USD");
      assertThat(strings("SELECT name FROM " + table(SEEDED, "currencies") + " WHERE code = 'EUR'"))
          .containsExactly("Euro (EUR)");
      assertThat(strings("SELECT views FROM " + table(SEEDED, "product_views")))
          .as("the seed counter, written once again after the truncation")
          .containsExactly("5");
      assertThat(c.reset(SEEDED).detail()).isEqualTo("nothing written: 0 of 6 table(s) truncated");
    }
  }

  @Test
  void aSeededTableATestDroppedAndMadeAgainCountsAsTheTestsOwnTable() {
    int lane = 7;
    try (CassandraIsolation c =
        isolation(services.endpoint(Service.CASSANDRA), "lane/schema.cql", "lane/seed.cql")) {
      try {
        c.prepare(lane);
        client().execute("DROP TABLE " + table(lane, "currencies"));
        client()
            .execute(
                "CREATE TABLE " + table(lane, "currencies") + " (code text PRIMARY KEY, rate int)");
        client()
            .execute("INSERT INTO " + table(lane, "currencies") + " (code, rate) VALUES ('X', 1)");

        assertThat(c.reset(lane).detail()).isEqualTo("truncated 1 of 6 table(s) [currencies]");
        assertThat(strings("SELECT code FROM " + table(lane, "currencies"))).isEmpty();
      } finally {
        c.drop(lane);
      }
    }
  }

  @Test
  void anAppliedScriptIsMappedIntoTheLaneAndTheNextResetUndoesIt() {
    try (CassandraIsolation c =
        isolation(services.endpoint(Service.CASSANDRA), "lane/schema.cql", "lane/seed.cql")) {
      c.prepare(SEEDED);
      SchemaScript data =
          SchemaScript.load(List.of("lane/class-data.cql"), getClass().getClassLoader(), "test")
              .get(0);

      assertThat(c.apply(SEEDED, data).detail())
          .isEqualTo("applied lane/class-data.cql to lane_5: 1 statement(s)");
      assertThat(strings("SELECT code FROM " + table(SEEDED, "currencies")))
          .containsExactlyInAnyOrder("CHF", "EUR", "JPY", "USD");

      assertThat(c.reset(SEEDED).detail()).startsWith("truncated 1 of 6 table(s) [currencies]");
      assertThat(strings("SELECT code FROM " + table(SEEDED, "currencies")))
          .containsExactlyInAnyOrder("CHF", "EUR", "USD");
    }
  }

  @Test
  void scriptsWrittenForARealKeyspaceAreMappedIntoTheLane() {
    try (CassandraIsolation c =
        isolation(
            services.endpoint(Service.CASSANDRA),
            "lane/keyspace-create.cql",
            "lane/keyspace-use.cql",
            "lane/keyspace-qualified.cql")) {
      c.prepare(SHEDLOCK);

      assertThat(tableIds(SHEDLOCK)).containsOnlyKeys("lock", "lock_history", "locks_by_owner");
      assertThat(keyspaceExists("shedlock")).isFalse();
      client().execute("INSERT INTO " + table(SHEDLOCK, "lock") + " (name) VALUES ('a test')");
      c.reset(SHEDLOCK);
      assertThat(strings("SELECT name FROM " + table(SHEDLOCK, "lock"))).containsExactly("seeded");
    }
  }

  @Test
  void aScriptNamingTwoKeyspacesIsRejectedBeforeAnyLaneIsMade() {
    assertThatThrownBy(
            () -> isolation(services.endpoint(Service.CASSANDRA), "lane/two-keyspaces.cql"))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith(
            "cassandra schema script lane/two-keyspaces.cql is rejected at line 3: it names"
                + " keyspace billing, but line 1 named keyspace shop.");
  }
}

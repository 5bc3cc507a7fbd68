package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.Lane;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PostgresLaneIsolationTest extends LaneIsolationContract {
  private final Map<Integer, Connection> clients = new ConcurrentHashMap<>();

  @Override
  Service service() {
    return Service.POSTGRES;
  }

  @Override
  StoreIsolation newIsolation(ServiceEndpoint endpoint) {
    return isolation(endpoint, "lane/schema.sql");
  }

  static PostgresIsolation isolation(ServiceEndpoint endpoint, String... scripts) {
    return new PostgresIsolation(
        endpoint,
        SchemaScript.load(
            List.of(scripts),
            PostgresLaneIsolationTest.class.getClassLoader(),
            Keys.POSTGRES_SCHEMA),
        PostgresIsolation.CloneStrategy.FILE_COPY);
  }

  private Connection client(int lane) throws SQLException {
    Connection c = clients.get(lane);
    if (c == null) {
      LaneImpl facts =
          new LaneImpl(lane, Map.of(Service.POSTGRES, services.endpoint(Service.POSTGRES)));
      c = DriverManager.getConnection(facts.jdbcUrl(), facts.jdbcUser(), facts.jdbcPassword());
      clients.put(lane, c);
    }
    return c;
  }

  @Override
  void write(int lane, int rows, String value) throws SQLException {
    Connection c = client(lane);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO products (sku, title, price_cents) VALUES (?, ?, 100)"
                + " ON CONFLICT (sku) DO UPDATE SET title = excluded.title")) {
      for (int i = 1; i <= rows; i++) {
        ps.setString(1, "sku-" + i);
        ps.setString(2, value);
        ps.executeUpdate();
      }
    }
  }

  @Override
  List<String> read(int lane) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = client(lane).createStatement();
        ResultSet rs = s.executeQuery("SELECT title FROM products")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Override
  void createOwnTableAndWrite(int lane) throws SQLException {
    try (Statement s = client(lane).createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS scratch_made_by_test (id serial, note text)");
      s.execute("INSERT INTO scratch_made_by_test (note) VALUES ('x'), ('y')");
    }
  }

  @Override
  long countOwnTable(int lane) throws SQLException {
    try (Statement s = client(lane).createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM scratch_made_by_test")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  void closeClients() throws SQLException {
    for (Connection c : clients.values()) {
      c.close();
    }
    clients.clear();
  }

  private Connection admin() throws SQLException {
    ServiceEndpoint e = services.endpoint(Service.POSTGRES);
    return DriverManager.getConnection(
        e.jdbcUrl(e.attribute(ServiceEndpoint.DATABASE).orElse("postgres")),
        e.user(),
        e.password());
  }

  private List<String> databases(String like) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = admin();
        PreparedStatement ps =
            c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY 1")) {
      ps.setString(1, like);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private long insertCustomer(int lane, String email) throws SQLException {
    try (PreparedStatement ps =
        client(lane)
            .prepareStatement("INSERT INTO customers (email, name) VALUES (?, 'n') RETURNING id")) {
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void identitiesRestartAfterReset() throws SQLException {
    isolation.reset(1);
    insertCustomer(1, "a@example.com");
    insertCustomer(1, "b@example.com");
    try (Statement s = client(1).createStatement()) {
      s.execute("INSERT INTO audit_log (entity) VALUES ('order')"); // bigserial
    }

    isolation.reset(1);

    assertThat(insertCustomer(1, "c@example.com")).isEqualTo(1);
    try (Statement s = client(1).createStatement();
        ResultSet rs = s.executeQuery("INSERT INTO audit_log (entity) VALUES ('x') RETURNING id")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void lanesAreClonesOfATemplateThatNobodyCanConnectTo() throws SQLException {
    PostgresIsolation pg = (PostgresIsolation) isolation;
    assertThat(databases("lane\\_%")).contains("lane_1", "lane_2", "lane_3", "lane_4");
    try (Connection c = admin();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT datallowconn, datistemplate FROM pg_database WHERE datname = '"
                    + pg.template()
                    + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).as("datallowconn").isFalse();
      assertThat(rs.getBoolean(2)).as("datistemplate").isTrue();
    }
    assertThat(pg.template()).matches("testlanes_tpl_[0-9a-f]{8}");
  }

  @Test
  void aTemplateIsBuiltOnceWhenSeveralJvmsAskAtOnceAndReusedLater() throws Exception {
    List<String> details = new CopyOnWriteArrayList<>();
    List<PostgresIsolation> jvms = new CopyOnWriteArrayList<>();
    try (PostgresIsolation first =
        isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/extra.sql")) {
      first.dropTemplate(); // another test may have built it already
    }
    try {
      concurrently(
          3,
          n -> {
            PostgresIsolation other =
                isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/extra.sql");
            jvms.add(other);
            details.add(other.initialise().detail());
          });
      assertThat(details).filteredOn(d -> d.startsWith("built")).hasSize(1);
      assertThat(details).filteredOn(d -> d.startsWith("reused")).hasSize(2);
      assertThat(jvms.get(0).template()).isNotEqualTo(((PostgresIsolation) isolation).template());
    } finally {
      jvms.forEach(PostgresIsolation::close);
    }
  }

  @Test
  void aLaneWithAnotherSchemaIsDroppedAndClonedAgain() throws SQLException {
    closeClients();
    try (PostgresIsolation other =
        isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/extra.sql")) {
      assertThat(other.prepare(3).detail()).startsWith("re-cloned lane_3");
      try (Statement s = client(3).createStatement()) {
        s.execute("SELECT count(*) FROM extra");
      }
      closeClients();
    }
    assertThat(isolation.prepare(3).detail()).startsWith("re-cloned lane_3");
    assertThatThrownBy(() -> client(3).createStatement().execute("SELECT count(*) FROM extra"))
        .hasMessageContaining("\"extra\" does not exist");
  }

  @Test
  void aSyntaxErrorNamesScriptLineAndMessageAndLeavesNoTemplate() throws SQLException {
    List<String> before = databases("testlanes\\_tpl\\_%");
    try (PostgresIsolation broken =
        isolation(
            services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/broken-syntax.sql")) {
      assertThatThrownBy(broken::initialise)
          .isInstanceOfSatisfying(
              SchemaException.class,
              e -> {
                assertThat(e.script()).isEqualTo("lane/broken-syntax.sql");
                assertThat(e.line()).isEqualTo(6); // "  name txet NOT NULL"
                assertThat(e.databaseMessage()).contains("type \"txet\" does not exist");
                assertThat(e.getMessage())
                    .startsWith("postgres schema script lane/broken-syntax.sql failed at line 6:");
              });
      // the failure is remembered: the next caller gets it at once
      assertThatThrownBy(() -> broken.prepare(1)).isInstanceOf(SchemaException.class);
    }
    assertThat(databases("testlanes\\_tpl\\_%")).isEqualTo(before);
    assertThat(databases("%building%")).isEmpty();
  }

  @Test
  void anErrorWithoutPositionNamesTheStatementsLine() throws SQLException {
    List<String> before = databases("testlanes\\_tpl\\_%");
    try (PostgresIsolation broken =
        isolation(services.endpoint(Service.POSTGRES), "lane/broken-runtime.sql")) {
      assertThatThrownBy(broken::initialise)
          .isInstanceOfSatisfying(
              SchemaException.class,
              e -> {
                assertThat(e.script()).isEqualTo("lane/broken-runtime.sql");
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.databaseMessage()).contains("division by zero");
              });
    }
    assertThat(databases("testlanes\\_tpl\\_%")).isEqualTo(before);
    assertThat(databases("%building%")).isEmpty();
  }

  @Test
  void aResetBlockedByATestsOpenTransactionSaysSo() throws SQLException {
    PostgresIsolation pg = (PostgresIsolation) isolation;
    Lane facts = new LaneImpl(4, Map.of(Service.POSTGRES, services.endpoint(Service.POSTGRES)));
    try (Connection leaked =
        DriverManager.getConnection(facts.jdbcUrl(), facts.jdbcUser(), facts.jdbcPassword())) {
      leaked.setAutoCommit(false);
      try (Statement s = leaked.createStatement()) {
        // not committed: the reset must truncate customers, and waits for this transaction
        s.execute("INSERT INTO customers (email, name) VALUES ('open@example.com', 'o')");
      }
      pg.lockTimeout(Duration.ofMillis(300));

      assertThatThrownBy(() -> pg.reset(4))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "postgres reset of lane_4 waited 300.0 ms for a lock on its tables")
          .hasMessageContaining("open transaction");

      leaked.rollback();
      assertThat(pg.reset(4).detail()).startsWith("truncated ").contains("public.customers");
    } finally {
      pg.lockTimeout(Duration.ofSeconds(10));
    }
  }

  @Test
  void dropRemovesTheLaneDatabase() throws SQLException {
    try (PostgresIsolation other =
        isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql")) {
      other.prepare(7);
      assertThat(databases("lane\\_7")).containsExactly("lane_7");
      other.drop(7);
      assertThat(databases("lane\\_7")).isEmpty();
      assertThat(other.drop(7).detail()).isEqualTo("dropped lane_7");
    }
  }

  // --- back to the template's state: seed rows, sequences, only what was written -------------

  /** Lane of the template with seed rows (lane/seed.sql). */
  private static final int SEEDED = 5;

  /** Lane of the template with its own schema and search_path (lane/search-path.sql). */
  private static final int SEARCH_PATH = 6;

  private Connection connect(int lane) throws SQLException {
    Lane facts = new LaneImpl(lane, Map.of(Service.POSTGRES, services.endpoint(Service.POSTGRES)));
    return DriverManager.getConnection(facts.jdbcUrl(), facts.jdbcUser(), facts.jdbcPassword());
  }

  private static List<String> strings(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The file of each table's heap: TRUNCATE gives a table a new one. */
  private static Map<String, Long> filenodes(Statement s) throws SQLException {
    Map<String, Long> out = new java.util.TreeMap<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT relname, pg_relation_filenode(oid) FROM pg_class"
                + " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static List<String> changed(Map<String, Long> before, Map<String, Long> after) {
    assertThat(after).containsOnlyKeys(before.keySet());
    return before.keySet().stream()
        .filter(t -> !Objects.equals(before.get(t), after.get(t)))
        .toList();
  }

  @Test
  void aResetBringsBackTheSeedRowsAndSequenceValuesWhileTheTestsConnectionStaysOpen()
      throws SQLException {
    try (PostgresIsolation pg =
            isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/seed.sql");
        Connection c = connectAfter(pg, SEEDED);
        Statement s = c.createStatement()) {
      s.execute("UPDATE currencies SET name = 'changed' WHERE code = 'EUR'");
      s.execute("DELETE FROM currencies WHERE code = 'USD'");
      s.execute("INSERT INTO currencies VALUES ('GBP', 'Pound')");
      s.execute("DELETE FROM products WHERE sku = 'seed-2'");
      s.execute("INSERT INTO products (sku, title, price_cents) VALUES ('new', 'New', 1)");
      s.execute("INSERT INTO customers (email, name) VALUES ('second@example.com', 'Second')");
      s.execute("SELECT nextval('invoice_numbers') FROM generate_series(1, 3)");

      pg.reset(SEEDED);

      assertThat(strings(s, "SELECT code || '=' || name FROM currencies ORDER BY code"))
          .containsExactly("CHF=Swiss franc", "EUR=Euro", "USD=US dollar");
      assertThat(strings(s, "SELECT id || ' ' || sku FROM products ORDER BY id"))
          .containsExactly("1 seed-1", "2 seed-2");
      assertThat(strings(s, "SELECT id || ' ' || email FROM customers"))
          .containsExactly("1 first@example.com");
      assertThat(
              strings(
                  s,
                  "INSERT INTO products (sku, title, price_cents) VALUES ('after', 'After', 1)"
                      + " RETURNING id"))
          .as("identity continues after the template's last value")
          .containsExactly("3");
      assertThat(
              strings(
                  s,
                  "INSERT INTO customers (email, name) VALUES ('x@example.com', 'X') RETURNING id"))
          .containsExactly("2");
      assertThat(strings(s, "SELECT nextval('invoice_numbers')")).containsExactly("1001");
    }
  }

  @Test
  void aResetTruncatesOnlyTheTablesWrittenAndThoseReferencingThem() throws SQLException {
    try (PostgresIsolation pg =
            isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/seed.sql");
        Connection c = connectAfter(pg, SEEDED);
        Statement s = c.createStatement()) {
      assertThat(pg.reset(SEEDED).detail()).isEqualTo("nothing written: 0 of 6 table(s) truncated");
      Map<String, Long> before = filenodes(s);
      s.execute("INSERT INTO orders (customer_id) VALUES (1)");

      assertThat(pg.reset(SEEDED).detail())
          .isEqualTo("truncated 2 of 6 table(s) [public.order_lines, public.orders]");
      Map<String, Long> after = filenodes(s);
      assertThat(changed(before, after)).containsExactlyInAnyOrder("orders", "order_lines");

      s.execute("UPDATE customers SET name = 'Renamed'");
      assertThat(pg.reset(SEEDED).detail())
          .isEqualTo(
              "truncated 3 of 6 table(s) [public.customers, public.order_lines, public.orders],"
                  + " restored the seed rows of [public.customers]");
      assertThat(changed(after, filenodes(s)))
          .containsExactlyInAnyOrder("customers", "orders", "order_lines");
      assertThat(strings(s, "SELECT name FROM customers")).containsExactly("First");
    }
  }

  @Test
  void anAppliedScriptWritesToTheLaneAndTheNextResetUndoesIt() throws SQLException {
    try (PostgresIsolation pg =
            isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/seed.sql");
        Connection c = connectAfter(pg, SEEDED);
        Statement s = c.createStatement()) {
      SchemaScript data =
          SchemaScript.load(List.of("lane/class-data.sql"), getClass().getClassLoader(), "test")
              .get(0);

      assertThat(pg.apply(SEEDED, data).detail())
          .isEqualTo("applied lane/class-data.sql to lane_5: 2 statement(s)");
      assertThat(strings(s, "SELECT code FROM currencies ORDER BY code"))
          .containsExactly("CHF", "EUR", "JPY", "USD");

      pg.reset(SEEDED);
      assertThat(strings(s, "SELECT code FROM currencies ORDER BY code"))
          .containsExactly("CHF", "EUR", "USD");
      assertThat(strings(s, "SELECT title FROM products ORDER BY sku"))
          .containsExactly("Seed one", "Seed two");
    }
  }

  @Test
  void aScriptWithItsOwnSchemaAndSearchPathWorksInEveryLane() throws SQLException {
    try (PostgresIsolation pg =
            isolation(services.endpoint(Service.POSTGRES), "lane/search-path.sql");
        Connection c = connectAfter(pg, SEARCH_PATH);
        Statement s = c.createStatement()) {
      assertThat(strings(s, "SHOW search_path")).containsExactly("shop, public");
      assertThat(strings(s, "SELECT name FROM items")).containsExactly("seed");
      s.execute("INSERT INTO items (name) VALUES ('written')");
      s.execute("INSERT INTO notes (body) VALUES ('n')");
      s.execute("INSERT INTO item_notes VALUES (1, 1)");

      assertThat(pg.reset(SEARCH_PATH).detail())
          .isEqualTo(
              "truncated 3 of 3 table(s) [public.notes, shop.item_notes, shop.items],"
                  + " restored the seed rows of [shop.items]");
      assertThat(strings(s, "SELECT id || ' ' || name FROM items")).containsExactly("1 seed");
      assertThat(strings(s, "SELECT count(*) FROM notes")).containsExactly("0");
      assertThat(strings(s, "INSERT INTO items (name) VALUES ('again') RETURNING id"))
          .containsExactly("2");
    }
  }

  @Test
  void aSeededTableATestDroppedAndMadeAgainCountsAsTheTestsOwnTable() throws SQLException {
    int lane = 8;
    try (PostgresIsolation pg =
        isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/seed.sql")) {
      try (Connection c = connectAfter(pg, lane);
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE currencies"); // as Hibernate's create-drop does
        s.execute("CREATE TABLE currencies (code text PRIMARY KEY, name text NOT NULL)");
        s.execute("INSERT INTO currencies VALUES ('XTS', 'Test')");
        s.execute("DELETE FROM products WHERE sku = 'seed-1'");

        assertThat(pg.reset(lane).detail())
            .isEqualTo(
                "truncated 3 of 6 table(s) [public.currencies, public.order_lines,"
                    + " public.products], restored the seed rows of [public.products]");
        assertThat(strings(s, "SELECT sku FROM products ORDER BY sku"))
            .containsExactly("seed-1", "seed-2");
        assertThat(strings(s, "SELECT count(*) FROM currencies")).containsExactly("0");

        s.execute("DROP TABLE currencies");
        assertThat(pg.reset(lane).detail()).isEqualTo("nothing written: 0 of 5 table(s) truncated");
      } finally {
        pg.drop(lane);
      }
    }
  }

  /**
   * Postgres's default {@code search_path} is {@code "$user", public}: for a role named like a
   * schema of the lane, unqualified tables go into that schema. The docker backend's role is {@code
   * testlanes}, which was also the name of testlanes' own schema, so every table its tests created
   * was out of the reset's sight. Here the role is named like the schema that testlanes keeps now.
   */
  @Test
  void aTableMadeByARoleNamedLikeTestlanesOwnSchemaIsStillReset() throws SQLException {
    int lane = 9;
    try (PostgresIsolation pg =
        isolation(services.endpoint(Service.POSTGRES), "lane/schema.sql", "lane/seed.sql")) {
      try (Connection c = connectAfter(pg, lane);
          Statement s = c.createStatement()) {
        for (String role : List.of("testlanes", PostgresReset.SCHEMA)) {
          s.execute(
              "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                  + role
                  + "') THEN CREATE ROLE "
                  + role
                  + " SUPERUSER; END IF; END $$");
          s.execute("SET ROLE " + role);
          s.execute("CREATE TABLE made_by_" + role + " (id int)");
          s.execute("INSERT INTO made_by_" + role + " VALUES (1)");
          s.execute("RESET ROLE");
        }

        pg.reset(lane);

        for (String role : List.of("testlanes", PostgresReset.SCHEMA)) {
          s.execute("SET ROLE " + role);
          assertThat(strings(s, "SELECT count(*) FROM made_by_" + role))
              .as("the table role %s made was emptied", role)
              .containsExactly("0");
          s.execute("RESET ROLE");
        }
        assertThat(
                strings(
                    s,
                    "SELECT table_schema FROM information_schema.tables"
                        + " WHERE table_name = 'made_by_"
                        + PostgresReset.SCHEMA
                        + "'"))
            .as("a role named like testlanes' schema made its table in that schema")
            .containsExactly(PostgresReset.SCHEMA);
      } finally {
        pg.drop(lane);
      }
    }
  }

  /** Prepares {@code lane} of {@code pg} and connects to it. */
  private Connection connectAfter(PostgresIsolation pg, int lane) throws SQLException {
    pg.prepare(lane);
    return connect(lane);
  }
}

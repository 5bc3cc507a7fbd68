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
    assertThat(databases("lane\\_%")).containsExactly("lane_1", "lane_2", "lane_3", "lane_4");
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
        s.execute("SELECT count(*) FROM orders"); // holds a lock on orders until the end
      }
      pg.lockTimeout(Duration.ofMillis(300));

      assertThatThrownBy(() -> pg.reset(4))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "postgres reset of lane_4 waited 300.0 ms for a lock on its tables")
          .hasMessageContaining("open transaction");

      leaked.rollback();
      assertThat(pg.reset(4).detail()).startsWith("truncated ");
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
}

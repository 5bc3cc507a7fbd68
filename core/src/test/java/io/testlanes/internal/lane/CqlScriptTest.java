package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CqlScriptTest {

  private static CqlScript.Mapped map(String... scripts) {
    List<SchemaScript> list = new java.util.ArrayList<>();
    for (int i = 0; i < scripts.length; i++) {
      list.add(new SchemaScript("s" + (i + 1) + ".cql", scripts[i]));
    }
    return CqlScript.map(list, null);
  }

  private static List<String> texts(CqlScript.Mapped m) {
    return m.statements().stream().map(CqlScript.Statement::text).toList();
  }

  @Test
  void aScriptWithoutKeyspaceRunsAsItIs() {
    CqlScript.Mapped m =
        map("CREATE TABLE t (k int PRIMARY KEY, v text);\nINSERT INTO t (k) VALUES (1);");
    assertThat(texts(m))
        .containsExactly(
            "CREATE TABLE t (k int PRIMARY KEY, v text)", "INSERT INTO t (k) VALUES (1)");
    assertThat(m.keyspace()).isNull();
    assertThat(m.statements().get(0).writes()).isEmpty();
    assertThat(m.statements().get(1).writes()).containsExactly("t");
    assertThat(m.statements().get(1).in("lane_3")).isEqualTo("INSERT INTO lane_3.t (k) VALUES (1)");
  }

  @Test
  void createKeyspaceAndQualifiedNamesAreMappedIntoTheLane() {
    CqlScript.Mapped m =
        map(
            "CREATE KEYSPACE IF NOT EXISTS shedlock WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3};\n"
                + "CREATE TABLE shedlock.lock (name text PRIMARY KEY, lock_until timestamp, locked_by text);\n"
                + "CREATE TYPE IF NOT EXISTS ShedLock.owner (host text);\n"
                + "CREATE TABLE shedlock.\"Owners\" (id int PRIMARY KEY, o frozen<shedlock.owner>);\n"
                + "CREATE INDEX IF NOT EXISTS lock_by ON shedlock.lock (locked_by);\n"
                + "INSERT INTO shedlock.lock (name) VALUES ('shedlock.x');");
    assertThat(texts(m))
        .containsExactly(
            "CREATE TABLE lock (name text PRIMARY KEY, lock_until timestamp, locked_by text)",
            "CREATE TYPE IF NOT EXISTS owner (host text)",
            "CREATE TABLE \"Owners\" (id int PRIMARY KEY, o frozen<owner>)",
            "CREATE INDEX IF NOT EXISTS lock_by ON lock (locked_by)",
            "INSERT INTO lock (name) VALUES ('shedlock.x')");
    assertThat(m.keyspace()).isEqualTo(new CqlScript.Keyspace("shedlock", "s1.cql", 1));
    assertThat(m.statements().get(4).in("lane_1"))
        .isEqualTo("INSERT INTO lane_1.lock (name) VALUES ('shedlock.x')");
  }

  @Test
  void useIsLeftOutAndItsTablesAreMadeInTheLane() {
    CqlScript.Mapped m =
        map(
            "USE shedlock;\nCREATE TABLE lock (name text PRIMARY KEY);\nDROP KEYSPACE IF EXISTS shedlock;");
    assertThat(texts(m)).containsExactly("CREATE TABLE lock (name text PRIMARY KEY)");
    assertThat(m.keyspace()).isEqualTo(new CqlScript.Keyspace("shedlock", "s1.cql", 1));
  }

  @Test
  void writesKnowTheirTablesAndWhetherOrderMatters() {
    CqlScript.Mapped m =
        map(
            "BEGIN BATCH\n INSERT INTO shop.a (k) VALUES (1);\n UPDATE shop.b SET v = 'x' WHERE k = 1;\nAPPLY BATCH;\n"
                + "DELETE type FROM c WHERE k = 1;\n"
                + "UPDATE users SET address.city = 'Bern' WHERE id = 1;\n"
                + "TRUNCATE TABLE shop.a;\n"
                + "INSERT INTO d (k) VALUES (1) IF NOT EXISTS;\n"
                + "UPDATE counts SET n = n + 1 WHERE k = 1;");
    List<CqlScript.Statement> st = m.statements();
    assertThat(st)
        .extracting(CqlScript.Statement::writes)
        .containsExactly(
            List.of("a", "b"),
            List.of("c"),
            List.of("users"),
            List.of("a"),
            List.of("d"),
            List.of("counts"));
    assertThat(st)
        .extracting(CqlScript.Statement::ordered)
        .containsExactly(false, false, false, true, true, false);
    assertThat(st.get(0).in("lane_2"))
        .isEqualTo(
            "BEGIN BATCH\n INSERT INTO lane_2.a (k) VALUES (1);\n UPDATE lane_2.b SET v = 'x' WHERE k = 1;\nAPPLY BATCH");
    assertThat(st.get(2).text()).isEqualTo("UPDATE users SET address.city = 'Bern' WHERE id = 1");
    assertThat(st.get(3).in("lane_2")).isEqualTo("TRUNCATE TABLE lane_2.a");
  }

  @Test
  void twoKeyspacesInOneScriptAreRejectedWithLineAndFix() {
    assertThatThrownBy(
            () ->
                map(
                    "CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\n"
                        + "CREATE TABLE shop.orders (id int PRIMARY KEY);\n"
                        + "\n"
                        + "CREATE TABLE billing.invoices (id int PRIMARY KEY);"))
        .isInstanceOfSatisfying(
            SchemaException.class,
            e -> {
              assertThat(e.script()).isEqualTo("s1.cql");
              assertThat(e.line()).isEqualTo(4);
            })
        .hasMessage(
            "cassandra schema script s1.cql is rejected at line 4: it names keyspace billing, but"
                + " line 1 named keyspace shop. A lane is one keyspace: testlanes maps the one"
                + " keyspace the scripts name into it, and cannot keep the tables of two apart."
                + " Fix: name one keyspace in all scripts of testlanes.cassandra.schema (or none:"
                + " tables without a keyspace are made in each lane's keyspace), for example"
                + " shop.<table> instead of billing.<table>.");
  }

  @Test
  void twoKeyspacesInTwoScriptsAreRejectedToo() {
    assertThatThrownBy(() -> map("USE shop;", "// other\nUSE billing;"))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith(
            "cassandra schema script s2.cql is rejected at line 2: it names keyspace billing, but"
                + " s1.cql line 1 named keyspace shop.");
  }
}

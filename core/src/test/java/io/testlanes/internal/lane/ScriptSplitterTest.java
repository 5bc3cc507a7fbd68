package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.internal.lane.ScriptSplitter.Dialect;
import io.testlanes.internal.lane.ScriptSplitter.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {

  private static List<String> texts(String script, Dialect d) {
    return ScriptSplitter.split(script, d).stream().map(Statement::text).toList();
  }

  @Test
  void splitsAtSemicolonsAndKeepsStartLines() {
    String sql =
        "-- header\n\nCREATE TABLE a (id int);\n  CREATE TABLE b (\n  id int\n);\nSELECT 1";
    List<Statement> st = ScriptSplitter.split(sql, Dialect.SQL);
    assertThat(st)
        .extracting(Statement::text)
        .containsExactly("CREATE TABLE a (id int)", "CREATE TABLE b (\n  id int\n)", "SELECT 1");
    assertThat(st).extracting(Statement::line).containsExactly(3, 4, 7);
    assertThat(sql.substring(st.get(1).offset())).startsWith("CREATE TABLE b");
  }

  @Test
  void ignoresSemicolonsInStringsCommentsAndQuotedNames() {
    String sql =
        "INSERT INTO t VALUES ('a;b', 'it''s;', E'x\\';y');\n"
            + "/* c; /* nested; */ still; */ SELECT \"we;ird\" FROM t; -- trailing; comment\n"
            + "SELECT 2;";
    assertThat(texts(sql, Dialect.SQL))
        .containsExactly(
            "INSERT INTO t VALUES ('a;b', 'it''s;', E'x\\';y')",
            "SELECT \"we;ird\" FROM t",
            "SELECT 2");
  }

  @Test
  void keepsDollarQuotedAndAtomicFunctionBodiesWhole() {
    String sql =
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;\n"
            + "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN $$;$$; END $body$;\n"
            + "CREATE OR REPLACE FUNCTION h(a int) RETURNS int LANGUAGE sql\n"
            + "BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END;\n"
            + "SELECT $1, a$b$c FROM t;";
    assertThat(texts(sql, Dialect.SQL))
        .containsExactly(
            "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$",
            "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN $$;$$; END $body$",
            "CREATE OR REPLACE FUNCTION h(a int) RETURNS int LANGUAGE sql\n"
                + "BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END",
            "SELECT $1, a$b$c FROM t");
  }

  @Test
  void cqlCommentsBatchesAndDollarStrings() {
    String cql =
        "// a comment; with a semicolon\nCREATE TABLE t (k int PRIMARY KEY, v text);\n"
            + "BEGIN BATCH INSERT INTO t (k, v) VALUES (1, 'a;'); INSERT INTO t (k, v) VALUES (2, $$b;$$);"
            + " APPLY BATCH;\n"
            + "CREATE FUNCTION f (x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS"
            + " $$ return x; $$;";
    List<Statement> st = ScriptSplitter.split(cql, Dialect.CQL);
    assertThat(st)
        .extracting(Statement::text)
        .containsExactly(
            "CREATE TABLE t (k int PRIMARY KEY, v text)",
            "BEGIN BATCH INSERT INTO t (k, v) VALUES (1, 'a;'); INSERT INTO t (k, v) VALUES (2,"
                + " $$b;$$); APPLY BATCH",
            "CREATE FUNCTION f (x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$"
                + " return x; $$");
    assertThat(st).extracting(Statement::line).containsExactly(2, 3, 4);
  }

  @Test
  void blankAndCommentOnlyScriptsHaveNoStatements() {
    assertThat(texts("  \n-- nothing\n/* here */ ;\n", Dialect.SQL)).isEmpty();
    assertThat(texts("", Dialect.CQL)).isEmpty();
  }

  @Test
  void linesOfOffsets() {
    String s = "a\nbc\n\nd";
    assertThat(ScriptSplitter.lineOf(s, 0)).isEqualTo(1);
    assertThat(ScriptSplitter.lineOf(s, 2)).isEqualTo(2);
    assertThat(ScriptSplitter.lineOf(s, 3)).isEqualTo(2);
    assertThat(ScriptSplitter.lineOf(s, 5)).isEqualTo(3);
    assertThat(ScriptSplitter.lineOf(s, 6)).isEqualTo(4);
  }
}

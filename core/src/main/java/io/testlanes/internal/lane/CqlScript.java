package io.testlanes.internal.lane;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.lane.ScriptSplitter.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * CQL scripts made to run in any lane's keyspace.
 *
 * <p>A script written without a keyspace runs as it is. One written for a real keyspace is mapped
 * into the lane's: {@code CREATE KEYSPACE}, {@code ALTER KEYSPACE}, {@code DROP KEYSPACE} and
 * {@code USE} are left out (testlanes makes the lane's keyspace: SimpleStrategy, replication 1,
 * durable writes off, whatever the script asked for), and the keyspace in front of a table, type,
 * function or view name ({@code shedlock.lock}) is removed, so each statement runs in the lane's
 * keyspace. The scripts of a run may name one keyspace: a second one is rejected before any lane is
 * made, since a lane is one keyspace ({@code Lane.keyspace()}) and tables of two keyspaces could
 * clash in it.
 *
 * <p>Statements that write rows ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code BATCH},
 * {@code TRUNCATE}) are the scripts' seed rows: each knows the tables it writes, so that a reset
 * can write them again after truncating those tables.
 */
final class CqlScript {
  /** Keywords after which a table, type, function or view name comes. */
  private static final Set<String> NAME_BEFORE =
      Set.of(
          "TABLE",
          "COLUMNFAMILY",
          "INTO",
          "UPDATE",
          "FROM",
          "TYPE",
          "VIEW",
          "FUNCTION",
          "AGGREGATE",
          "INDEX",
          "ON",
          "TRUNCATE",
          "SFUNC",
          "FINALFUNC");

  private static final Set<String> WRITES =
      Set.of("INSERT", "UPDATE", "DELETE", "BEGIN", "TRUNCATE");

  /**
   * A statement ready for any lane.
   *
   * @param script the script it comes from
   * @param line its line there
   * @param text the statement without keyspace names
   * @param writes the tables it writes rows to (none for DDL), names as Cassandra stores them
   * @param targets where those names start in {@code text}, in order
   * @param ordered whether it must run alone, after what comes before it: {@code TRUNCATE} and
   *     conditional ({@code IF ...}) writes, whose effect depends on order, not on timestamps
   */
  record Statement(
      SchemaScript script,
      int line,
      String text,
      List<String> writes,
      List<Integer> targets,
      boolean ordered) {

    boolean writesRows() {
      return !writes.isEmpty();
    }

    /** The statement with its written tables named in {@code keyspace}. */
    String in(String keyspace) {
      StringBuilder b = new StringBuilder(text);
      for (int i = targets.size() - 1; i >= 0; i--) {
        b.insert(targets.get(i), keyspace + ".");
      }
      return b.toString();
    }
  }

  /**
   * The keyspace the scripts were written for.
   *
   * @param name as Cassandra stores it
   * @param script where it was first named
   * @param line the line there
   */
  record Keyspace(String name, String script, int line) {}

  /** The statements of some scripts, in order, and the keyspace they name (or null). */
  record Mapped(List<Statement> statements, @Nullable Keyspace keyspace) {}

  private final List<Statement> out = new ArrayList<>();
  private @Nullable Keyspace keyspace;

  private CqlScript(@Nullable Keyspace keyspace) {
    this.keyspace = keyspace;
  }

  /**
   * Maps {@code scripts} into a lane's keyspace.
   *
   * @param known the keyspace other scripts of the lane named, if any
   * @throws SchemaException if the scripts name two keyspaces
   */
  static Mapped map(List<SchemaScript> scripts, @Nullable Keyspace known) {
    CqlScript m = new CqlScript(known);
    for (SchemaScript script : scripts) {
      for (ScriptSplitter.Statement st :
          ScriptSplitter.split(script.text(), ScriptSplitter.Dialect.CQL)) {
        m.add(script, st);
      }
    }
    return new Mapped(List.copyOf(m.out), m.keyspace);
  }

  private void add(SchemaScript script, ScriptSplitter.Statement st) {
    List<Token> t = ScriptSplitter.tokens(st.text(), ScriptSplitter.Dialect.CQL);
    if (t.isEmpty()) {
      return;
    }
    if (t.get(0).is("USE") && t.size() > 1 && t.get(1).isName()) {
      name(t.get(1), script, st);
      return;
    }
    if ((t.get(0).is("CREATE") || t.get(0).is("ALTER") || t.get(0).is("DROP"))
        && t.size() > 1
        && t.get(1).is("KEYSPACE")) {
      int i = skipIfExists(t, 2);
      if (i < t.size() && t.get(i).isName()) {
        name(t.get(i), script, st);
      }
      return;
    }
    boolean writes = WRITES.contains(t.get(0).text().toUpperCase(Locale.ROOT));
    boolean ordered = t.get(0).is("TRUNCATE");
    StringBuilder text = new StringBuilder();
    int copied = 0;
    List<String> tables = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      Token k = t.get(i);
      if (writes && k.is("IF")) {
        ordered = true;
      }
      boolean before = isNameBefore(k) || (k.kind() == Token.Kind.SYMBOL && k.text().equals("<"));
      if (!before) {
        continue;
      }
      int j = skipIfExists(t, i + 1);
      if (writes
          && k.is("TRUNCATE")
          && j < t.size()
          && (t.get(j).is("TABLE") || t.get(j).is("COLUMNFAMILY"))) {
        j++;
      }
      if (j >= t.size() || !t.get(j).isName() || isNameBefore(t.get(j))) {
        continue;
      }
      Token name = t.get(j);
      if (j + 2 < t.size()
          && t.get(j + 1).kind() == Token.Kind.SYMBOL
          && t.get(j + 1).text().equals(".")
          && t.get(j + 2).isName()) {
        name(name, script, st);
        text.append(st.text(), copied, name.offset());
        copied = t.get(j + 2).offset();
        name = t.get(j + 2);
        j += 2;
      }
      if (writes) {
        targets.add(text.length() + name.offset() - copied);
        tables.add(name.name());
      }
      i = j;
    }
    text.append(st.text(), copied, st.text().length());
    out.add(
        new Statement(
            script,
            st.line(),
            text.toString(),
            List.copyOf(tables),
            List.copyOf(targets),
            ordered));
  }

  private static boolean isNameBefore(Token t) {
    return t.kind() == Token.Kind.WORD && NAME_BEFORE.contains(t.text().toUpperCase(Locale.ROOT));
  }

  private static int skipIfExists(List<Token> t, int i) {
    if (i < t.size() && t.get(i).is("IF")) {
      i++;
      if (i < t.size() && t.get(i).is("NOT")) {
        i++;
      }
      if (i < t.size() && t.get(i).is("EXISTS")) {
        i++;
      }
    }
    return i;
  }

  /** Notes that the script names keyspace {@code name}; rejects a second keyspace. */
  private void name(Token name, SchemaScript script, ScriptSplitter.Statement st) {
    String ks = name.name();
    int line = ScriptSplitter.lineOf(script.text(), st.offset() + name.offset());
    Keyspace first = keyspace;
    if (first == null) {
      keyspace = new Keyspace(ks, script.location(), line);
      return;
    }
    if (first.name().equals(ks)) {
      return;
    }
    throw SchemaException.rejected(
        Service.CASSANDRA,
        script.location(),
        line,
        "it names keyspace "
            + ks
            + ", but "
            + (first.script().equals(script.location()) ? "" : first.script() + " ")
            + "line "
            + first.line()
            + " named keyspace "
            + first.name()
            + ". A lane is one keyspace: testlanes maps the one keyspace the scripts name into it,"
            + " and cannot keep the tables of two apart",
        "name one keyspace in all scripts of "
            + Keys.CASSANDRA_SCHEMA
            + " (or none: tables without a keyspace are made in each lane's keyspace), for"
            + " example "
            + first.name()
            + ".<table> instead of "
            + ks
            + ".<table>");
  }
}

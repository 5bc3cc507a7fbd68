package io.testlanes.internal.lane;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * How a Postgres lane goes back to its template's state: the schema {@value #SCHEMA} that the
 * template gets once its scripts and migrations ran, and the reset that uses it.
 *
 * <p>The template keeps, in schema {@value #SCHEMA}, a copy of the rows of every table that has
 * rows (the scripts' and migrations' seed rows, {@code flyway_schema_history} included) and the
 * value of every sequence. Every lane is a clone, so it has that copy too, and its reset is one
 * call of the function {@code testlanes_template.reset} in the lane: one round trip, whatever the
 * schema.
 *
 * <p>A reset truncates only what changed since the last one:
 *
 * <ul>
 *   <li>a table without seed rows changed if its heap is not empty: {@code pg_relation_size > 0}.
 *       TRUNCATE leaves a heap of 0 bytes, and any row ever inserted since, committed, rolled back
 *       or still uncommitted, extends it. This cannot miss a row.
 *   <li>a table with seed rows changed if it does not hold exactly the rows the last reset wrote:
 *       another row count, or a row whose {@code xmin} (the transaction that wrote it) is not the
 *       reset's transaction. An insert, update or delete by anybody else shows there. The reset
 *       first takes a SHARE lock on these tables, so a write in a transaction that is still open
 *       makes it wait (and fail after the lock timeout) instead of going unseen.
 *   <li>what TRUNCATE must take along: tables whose foreign keys reference a truncated table,
 *       partitions and inheritance children. Their seed rows are restored too.
 * </ul>
 *
 * <p>Seed rows are put back with one {@code INSERT ... SELECT} per table in one statement (foreign
 * keys are checked at its end, so the order of tables does not matter), identity values included
 * ({@code OVERRIDING SYSTEM VALUE}), generated columns computed again. Where the user may set
 * {@code session_replication_role} (a superuser, or one granted {@code SET} on it), triggers and
 * foreign-key checks are off while rows are restored, as the template's triggers already ran for
 * them; otherwise a user trigger on a seeded table runs again on restore. Every sequence is set
 * back to the template's value ({@code setval}); a sequence the template did not have to its start.
 *
 * <p>Tables a test created itself are emptied, not dropped: a test class may create a table once
 * (in {@code @BeforeAll}) and use it in every test. Not undone by a reset: schema changes (DDL) a
 * test made, large objects, materialized views a test refreshed. A table a test dropped and made
 * again counts as one the test created.
 */
final class PostgresReset {
  /**
   * The schema that testlanes adds to the template: {@value}. Postgres's default {@code
   * search_path} is {@code "$user", public}, so a role named like it creates its tables there: the
   * reset treats every table of the schema but its own (the two lists and the row copies) as a
   * test's. It was called {@code testlanes}, the docker backend's role, whose tests' tables went
   * out of the reset's sight.
   */
  static final String SCHEMA = "testlanes_template";

  /**
   * The reset, as a function in the lane: finds what changed, truncates it with what must go along,
   * restores seed rows and sequences. With {@code everything} it truncates and restores every
   * table, as the template build does once so that every seed row carries one {@code xmin}.
   */
  private static final String RESET_FUNCTION =
      """
      CREATE FUNCTION testlanes_template.reset(replica boolean, everything boolean,
          OUT truncated text[], OUT restored text[], OUT tables int)
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $testlanes$
      DECLARE
        s record;
        changed boolean;
        dirty oid[] := '{}';
        closure oid[] := '{}';
        written oid[];
        writes text;
      BEGIN
        IF replica THEN
          PERFORM set_config('session_replication_role', 'replica', true);
        END IF;
        IF everything THEN
          dirty := ARRAY(SELECT t.rel FROM testlanes_template.seed_tables t JOIN pg_class c ON c.oid = t.rel);
        ELSE
          BEGIN
            dirty := testlanes_template.changed_seed_tables();
          EXCEPTION WHEN undefined_table THEN
            -- a test dropped or renamed a seeded table: look at those that are left, one by one
            dirty := '{}';
            FOR s IN SELECT t.rel, t.row_count, t.written_by FROM testlanes_template.seed_tables t
                       JOIN pg_class c ON c.oid = t.rel ORDER BY t.rel LOOP
              EXECUTE format('LOCK TABLE ONLY %s IN SHARE MODE', s.rel::regclass);
              EXECUTE format('SELECT count(*) <> $1 OR coalesce(bool_or(xmin <> $2),'
                             ' false) FROM ONLY %s', s.rel::regclass)
                INTO changed USING s.row_count, s.written_by;
              IF changed THEN
                dirty := dirty || s.rel;
              END IF;
            END LOOP;
          END;
        END IF;
        SELECT count(*)::int, coalesce(array_agg(c.oid) FILTER (
                 WHERE everything OR pg_relation_size(c.oid) > 0), '{}')
          INTO tables, written
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
           AND c.oid NOT IN ('testlanes_template.seed_tables'::regclass,
                             'testlanes_template.sequences'::regclass)
           AND NOT EXISTS (SELECT 1 FROM testlanes_template.seed_tables t
                            WHERE t.rel = c.oid OR t.copy = c.oid);
        tables := tables + (SELECT count(*) FROM testlanes_template.seed_tables t
                              JOIN pg_class c ON c.oid = t.rel);
        dirty := dirty || written;
        IF cardinality(dirty) > 0 THEN
          WITH RECURSIVE edge(parent, child) AS (
              SELECT confrelid, conrelid FROM pg_constraint WHERE contype = 'f'
              UNION ALL SELECT inhparent, inhrelid FROM pg_inherits),
            c(rel) AS (SELECT unnest(dirty) UNION SELECT e.child FROM edge e JOIN c ON e.parent = c.rel)
          SELECT array_agg(rel ORDER BY rel) INTO closure FROM c;
          EXECUTE 'TRUNCATE ' || (SELECT string_agg(r::regclass::text, ', ') FROM unnest(closure) r);
          SELECT string_agg(format('w%s AS (INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %s)',
                                   t.rel, t.rel::regclass, t.columns, t.columns, t.copy::regclass), ', '),
                 array_agg(t.rel::regclass::text ORDER BY t.rel::regclass::text)
            INTO writes, restored
            FROM testlanes_template.seed_tables t WHERE t.rel = ANY (closure);
          IF writes IS NOT NULL THEN
            EXECUTE 'WITH ' || writes || ' SELECT 1';
            UPDATE testlanes_template.seed_tables SET written_by = (txid_current() % 4294967296)::text::xid
             WHERE rel = ANY (closure);
          END IF;
        END IF;
        PERFORM setval(q.seqrelid, coalesce(t.last_value, q.seqstart), coalesce(t.is_called, false))
           FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN testlanes_template.sequences t ON t.seq = q.seqrelid
          WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%';
        truncated := ARRAY(SELECT r::regclass::text AS name FROM unnest(closure) r ORDER BY name);
        restored := coalesce(restored, '{}');
      END
      $testlanes$""";

  /**
   * Copies the rows and sequence values of the template (run in it once its scripts and migrations
   * ran), then rewrites every seed row so that all carry one {@code xmin}.
   */
  private static final String KEEP_TEMPLATE_STATE =
      """
      DO $testlanes$
      DECLARE
        r record;
        n bigint;
        v bigint;
        called boolean;
        locks text;
        checks text;
      BEGIN
        FOR r IN SELECT c.oid, c.oid::regclass::text AS name
                   FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
                  WHERE c.relkind = 'r' AND ns.nspname NOT IN ('testlanes_template', 'information_schema')
                    AND ns.nspname NOT LIKE 'pg\\_%' ORDER BY c.oid LOOP
          EXECUTE 'SELECT count(*) FROM ONLY ' || r.name INTO n;
          IF n > 0 THEN
            EXECUTE format('CREATE TABLE testlanes_template.%I AS SELECT * FROM ONLY %s', 'rows_' || r.oid, r.name);
            INSERT INTO testlanes_template.seed_tables (rel, copy, columns, row_count)
            SELECT r.oid, ('testlanes_template.' || quote_ident('rows_' || r.oid))::regclass,
                   string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum), n
              FROM pg_attribute a
             WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped %GENERATED%;
          END IF;
        END LOOP;
        FOR r IN SELECT q.seqrelid AS oid, q.seqrelid::regclass::text AS name
                   FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid
                   JOIN pg_namespace ns ON ns.oid = c.relnamespace
                  WHERE ns.nspname NOT IN ('testlanes_template', 'information_schema')
                    AND ns.nspname NOT LIKE 'pg\\_%' LOOP
          EXECUTE 'SELECT last_value, is_called FROM ' || r.name INTO v, called;
          INSERT INTO testlanes_template.sequences (seq, last_value, is_called) VALUES (r.oid, v, called);
        END LOOP;
        -- the check of the seeded tables as static SQL, so that each lane session plans it once
        SELECT string_agg(rel::regclass::text, ', ' ORDER BY rel),
               string_agg(format('WHEN %s THEN (SELECT count(*) <> t.row_count OR coalesce(bool_or('
                                 'xmin <> t.written_by), false) FROM ONLY %s)',
                                 rel, rel::regclass), ' ' ORDER BY rel)
          INTO locks, checks FROM testlanes_template.seed_tables;
        EXECUTE format('CREATE FUNCTION testlanes_template.changed_seed_tables() RETURNS oid[]'
                       ' LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS %L',
                       CASE WHEN locks IS NULL THEN 'BEGIN RETURN ''{}''; END'
                       ELSE 'BEGIN LOCK TABLE ONLY ' || locks || ' IN SHARE MODE;'
                            ' RETURN ARRAY(SELECT t.rel FROM testlanes_template.seed_tables t'
                            ' JOIN pg_class c ON c.oid = t.rel'
                            ' WHERE CASE t.rel ' || checks || ' ELSE true END); END' END);
      END
      $testlanes$""";

  private static final List<String> INSTALL =
      List.of(
          "SET search_path = pg_catalog, pg_temp",
          "CREATE SCHEMA testlanes_template",
          "COMMENT ON SCHEMA testlanes_template IS 'made by testlanes: the template''s rows and sequence"
              + " values, which testlanes_template.reset() restores between tests'",
          "CREATE TABLE testlanes_template.seed_tables (rel oid PRIMARY KEY, copy oid NOT NULL,"
              + " columns text NOT NULL, row_count bigint NOT NULL,"
              + " written_by xid NOT NULL DEFAULT '0')",
          "CREATE TABLE testlanes_template.sequences (seq oid PRIMARY KEY, last_value bigint NOT NULL,"
              + " is_called boolean NOT NULL)",
          RESET_FUNCTION);

  /** What one reset did. */
  record Result(List<String> truncated, List<String> restored, int tables) {
    String detail() {
      if (truncated.isEmpty()) {
        return "nothing written: 0 of " + tables + " table(s) truncated";
      }
      return "truncated "
          + truncated.size()
          + " of "
          + tables
          + " table(s) "
          + truncated
          + (restored.isEmpty() ? "" : ", restored the seed rows of " + restored);
    }
  }

  private PostgresReset() {}

  /**
   * Adds schema {@value #SCHEMA} to the template being built (its scripts and migrations ran on
   * {@code c}'s database) and brings it to the state every reset leaves.
   *
   * @param replica whether the user may set {@code session_replication_role}
   */
  static Result install(Connection c, int serverVersion, boolean replica) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setEscapeProcessing(false);
      for (String sql : INSTALL) {
        s.execute(sql);
      }
      s.execute(
          KEEP_TEMPLATE_STATE.replace(
              "%GENERATED%", serverVersion >= 12 ? "AND a.attgenerated = ''" : ""));
      s.execute("RESET search_path");
    }
    return reset(c, replica, true);
  }

  /** Whether the connection's user may set {@code session_replication_role}. */
  static boolean mayDisableTriggers(Connection c, int serverVersion) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('is_superuser') = 'on'"
                    + (serverVersion >= 15
                        ? " OR has_parameter_privilege('session_replication_role', 'SET')"
                        : ""))) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * Resets the lane of {@code c}; see the class comment.
   *
   * @param everything truncate and restore every table, changed or not
   */
  static Result reset(Connection c, boolean replica, boolean everything) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT truncated, restored, tables FROM testlanes_template.reset(?, ?)")) {
      ps.setBoolean(1, replica);
      ps.setBoolean(2, everything);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Result(strings(rs.getArray(1)), strings(rs.getArray(2)), rs.getInt(3));
      }
    }
  }

  private static List<String> strings(Array a) throws SQLException {
    try {
      return List.of((String[]) a.getArray());
    } finally {
      a.free();
    }
  }
}

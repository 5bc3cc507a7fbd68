package io.testlanes.internal.lane;

import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres lanes: the schema scripts are applied once to a template database named after their hash
 * ({@code testlanes_tpl_1a2b3c4d}); lane {@code k} is the database {@code lane_k}, a clone of it
 * ({@code CREATE DATABASE lane_k TEMPLATE ... STRATEGY FILE_COPY}); reset is one {@code TRUNCATE
 * ... RESTART IDENTITY CASCADE} of every table of the lane.
 *
 * <p>Across JVMs: the template is built under a Postgres advisory lock, so several JVMs that start
 * at once build it once; it is then marked {@code ALLOW_CONNECTIONS false}, so no session can ever
 * block a clone, and clones of it may run concurrently. A lane database records the schema hash as
 * its comment: a later run with the same schema empties and reuses it, one with another schema
 * drops and re-clones it.
 */
final class PostgresIsolation implements StoreIsolation {
  private static final Logger log = LoggerFactory.getLogger("io.testlanes.lane.postgres");

  /** How {@code CREATE DATABASE} copies the template (Postgres 15+). */
  enum CloneStrategy {
    /** Copies block by block through the WAL: Postgres 15+'s default. */
    WAL_LOG,
    /** Copies the files, with a checkpoint: the only way before 15. */
    FILE_COPY
  }

  /** Advisory lock (one bigint key) held while a template is built: "tlanes" + 1. */
  private static final long TEMPLATE_LOCK = 0x746c616e65730001L;

  /** First key of the two-int advisory locks held while a lane is (re)made: "tlns". */
  private static final int LANE_LOCK = 0x746c6e73;

  private static final String LANE_MARK = "testlanes lane, schema ";
  private static final String TEMPLATE_PREFIX = "testlanes_tpl_";

  /**
   * Truncates every table of the user's schemas (those of the schema scripts and those a test
   * created) in one statement, restarting identities, and restarts the sequences no table owns. One
   * round trip.
   */
  private static final String RESET_SQL =
      String.join(
          "\n",
          "DO $testlanes$",
          "DECLARE t text; s record; n int;",
          "BEGIN",
          "  SELECT string_agg(format('%I.%I', schemaname, tablename), ', '), count(*)",
          "    INTO t, n FROM pg_tables",
          "   WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
          "     AND schemaname NOT LIKE 'pg\\_temp\\_%' AND schemaname NOT LIKE 'pg\\_toast%'",
          "     AND tablename NOT IN ('flyway_schema_history', 'databasechangelog',",
          "                           'databasechangeloglock');",
          "  IF t IS NOT NULL THEN",
          "    EXECUTE 'TRUNCATE ' || t || ' RESTART IDENTITY CASCADE';",
          "  END IF;",
          "  FOR s IN SELECT format('%I.%I', n.nspname, c.relname) AS name",
          "      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace",
          "     WHERE c.relkind = 'S'",
          "       AND n.nspname NOT IN ('pg_catalog', 'information_schema')",
          "       AND n.nspname NOT LIKE 'pg\\_temp\\_%'",
          "       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid",
          "                       AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))",
          "  LOOP",
          "    EXECUTE 'ALTER SEQUENCE ' || s.name || ' RESTART';",
          "  END LOOP;",
          "  PERFORM set_config('testlanes.truncated', coalesce(n, 0)::text, false);",
          "END",
          "$testlanes$");

  private final ServiceEndpoint endpoint;
  private final List<SchemaScript> scripts;
  private final String hash;
  private final FlywayMigrations flyway;
  private final LiquibaseChangelog liquibase;
  private final ClassLoader loader;
  private final String template;
  private final CloneStrategy strategy;
  private final String maintenanceDatabase;
  private final org.postgresql.Driver driver = new org.postgresql.Driver();
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final Map<Integer, Connection> laneConnections = new ConcurrentHashMap<>();
  private final Object initLock = new Object();
  private volatile boolean initialised;
  private @Nullable RuntimeException initFailure;
  private volatile int serverVersion;
  private volatile Duration lockTimeout = Duration.ofSeconds(10);

  PostgresIsolation(ServiceEndpoint endpoint, List<SchemaScript> scripts, CloneStrategy strategy) {
    this(
        endpoint,
        scripts,
        FlywayMigrations.none(),
        LiquibaseChangelog.none(),
        strategy,
        PostgresIsolation.class.getClassLoader());
  }

  PostgresIsolation(
      ServiceEndpoint endpoint,
      List<SchemaScript> scripts,
      FlywayMigrations flyway,
      LiquibaseChangelog liquibase,
      CloneStrategy strategy,
      ClassLoader loader) {
    if (endpoint.service() != Service.POSTGRES) {
      throw new IllegalArgumentException("expected a postgres endpoint, got " + endpoint);
    }
    this.endpoint = endpoint;
    this.scripts = List.copyOf(scripts);
    this.flyway = flyway;
    this.liquibase = liquibase;
    this.loader = loader;
    List<SchemaScript> hashed = new java.util.ArrayList<>(scripts);
    hashed.addAll(flyway.files());
    hashed.addAll(liquibase.files());
    this.hash = SchemaScript.hash("postgres", hashed);
    this.template = TEMPLATE_PREFIX + hash;
    this.strategy = strategy;
    this.maintenanceDatabase = endpoint.attribute(ServiceEndpoint.DATABASE).orElse("postgres");
  }

  @Override
  public Service service() {
    return Service.POSTGRES;
  }

  /** How long a reset waits for a lock on the lane's tables (for tests); 10 s by default. */
  void lockTimeout(Duration timeout) {
    this.lockTimeout = timeout;
    for (Integer lane : List.copyOf(laneConnections.keySet())) {
      closeLaneConnection(lane);
    }
  }

  /** Name of the template database this schema's lanes are cloned from. */
  String template() {
    return template;
  }

  String schemaHash() {
    return hash;
  }

  @Override
  public StoreTiming initialise() {
    long start = System.nanoTime();
    synchronized (initLock) {
      if (initFailure != null) {
        throw initFailure;
      }
      if (initialised) {
        return StoreTiming.since(Service.POSTGRES, start, "template " + template + " ready");
      }
      try {
        String detail = buildTemplate();
        initialised = true;
        StoreTiming t = StoreTiming.since(Service.POSTGRES, start, detail);
        log.info("postgres {} in {}", detail, StoreTiming.millis(t.took()));
        return t;
      } catch (RuntimeException e) {
        initFailure = e;
        throw e;
      }
    }
  }

  private String buildTemplate() {
    Connection c = borrow();
    boolean ok = false;
    try {
      serverVersion = c.getMetaData().getDatabaseMajorVersion();
      if (databaseComment(c, template).isPresent()) {
        ok = true;
        return "reused template " + template;
      }
      execute(c, "SELECT pg_advisory_lock(" + TEMPLATE_LOCK + ")");
      try {
        if (databaseComment(c, template).isPresent()) {
          ok = true;
          return "reused template " + template + " (another JVM built it)";
        }
        String building = template + "_building";
        execute(c, dropDatabase(building));
        execute(c, "CREATE DATABASE " + building);
        int statements;
        try {
          statements = applyScripts(building);
          if (!flyway.isEmpty()) {
            statements += migrate(building);
          }
          if (!liquibase.isEmpty()) {
            statements += LiquibaseTemplate.update(endpoint, building, liquibase, loader, template);
          }
          execute(c, "ALTER DATABASE " + building + " RENAME TO " + template);
        } catch (RuntimeException | SQLException e) {
          try {
            execute(c, dropDatabase(building));
          } catch (SQLException dropFailure) {
            e.addSuppressed(dropFailure);
          }
          throw e;
        }
        execute(c, "ALTER DATABASE " + template + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        execute(
            c,
            "COMMENT ON DATABASE "
                + template
                + " IS "
                + literal("testlanes template, schema " + hash + ": " + scriptNames()));
        ok = true;
        return "built template "
            + template
            + " from "
            + scripts.size()
            + " script(s), "
            + statements
            + " statement(s)";
      } finally {
        ok &= unlock(c, "SELECT pg_advisory_unlock(" + TEMPLATE_LOCK + ")");
      }
    } catch (SQLException e) {
      throw failure("could not build the template database " + template, e);
    } finally {
      giveBack(c, ok);
    }
  }

  /** Applies the Flyway migrations to {@code database}; returns how many ran. */
  private int migrate(String database) {
    try {
      return FlywayRunner.migrate(
          endpoint.jdbcUrl(database), endpoint.user(), endpoint.password(), flyway, loader);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "postgres Flyway migrations "
              + flyway.locations()
              + " failed: "
              + e.getMessage()
              + "; no template database was left behind ("
              + template
              + " was not created)",
          e);
    }
  }

  /** Runs every script on {@code database}, one statement at a time; returns how many. */
  private int applyScripts(String database) throws SQLException {
    int count = 0;
    try (Connection c = connect(database)) {
      for (SchemaScript script : scripts) {
        for (ScriptSplitter.Statement st :
            ScriptSplitter.split(script.text(), ScriptSplitter.Dialect.SQL)) {
          try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(st.text());
          } catch (SQLException e) {
            throw schemaFailure(script, st, e);
          }
          count++;
        }
      }
    }
    return count;
  }

  private SchemaException schemaFailure(
      SchemaScript script, ScriptSplitter.Statement st, SQLException e) {
    int line = st.line();
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      ServerErrorMessage m = p.getServerErrorMessage();
      int position = m.getPosition();
      if (position > 0 && position <= st.text().length()) {
        line = ScriptSplitter.lineOf(script.text(), st.offset() + position - 1);
      }
      message = "ERROR " + m.getSQLState() + ": " + m.getMessage();
      if (m.getDetail() != null) {
        message += " (" + m.getDetail() + ")";
      }
      if (m.getHint() != null) {
        message += " Hint: " + m.getHint();
      }
    }
    return new SchemaException(
        Service.POSTGRES,
        script.location(),
        line,
        message,
        st.text(),
        "no template database was left behind (" + template + " was not created)",
        e);
  }

  @Override
  public StoreTiming prepare(int lane) {
    LaneNames.check(lane);
    initialise();
    long start = System.nanoTime();
    String name = LaneNames.of(lane);
    Connection c = borrow();
    boolean ok = false;
    try {
      lockLane(c, lane);
      String detail;
      try {
        Optional<String> comment = databaseComment(c, name);
        if (comment.isPresent() && comment.get().equals(LANE_MARK + hash)) {
          int tables = truncate(lane);
          detail = "reused " + name + " (same schema), truncated " + tables + " table(s)";
        } else {
          closeLaneConnection(lane);
          if (comment.isPresent()) {
            execute(c, dropDatabase(name));
          }
          execute(c, createDatabase(name));
          execute(c, "COMMENT ON DATABASE " + name + " IS " + literal(LANE_MARK + hash));
          detail =
              (comment.isPresent() ? "re-cloned " : "cloned ")
                  + name
                  + " from "
                  + template
                  + (serverVersion >= 15
                      ? " (" + strategy.name().toLowerCase(Locale.ROOT) + ")"
                      : "");
        }
        ok = true;
      } finally {
        ok &= unlock(c, "SELECT pg_advisory_unlock(" + LANE_LOCK + ", " + lane + ")");
      }
      return StoreTiming.since(Service.POSTGRES, start, detail);
    } catch (SQLException e) {
      throw failure("could not prepare database " + name + " from " + template, e);
    } finally {
      giveBack(c, ok);
    }
  }

  private String createDatabase(String name) {
    String sql = "CREATE DATABASE " + name + " TEMPLATE " + template;
    return serverVersion >= 15 ? sql + " STRATEGY " + strategy.name() : sql;
  }

  private String dropDatabase(String name) {
    return "DROP DATABASE IF EXISTS " + name + (serverVersion >= 13 ? " WITH (FORCE)" : "");
  }

  @Override
  public StoreTiming reset(int lane) {
    LaneNames.check(lane);
    long start = System.nanoTime();
    try {
      int tables = truncate(lane);
      return StoreTiming.since(Service.POSTGRES, start, "truncated " + tables + " table(s)");
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) {
        throw new IllegalStateException(
            "postgres reset of "
                + LaneNames.of(lane)
                + " waited "
                + StoreTiming.millis(lockTimeout)
                + " for a lock on its tables: a connection of the test still holds"
                + " them, probably in an open transaction. Fix: commit or roll back and close the"
                + " test's connections (or its pool) before the test ends.",
            e);
      }
      throw failure("could not reset database " + LaneNames.of(lane), e);
    }
  }

  /** Truncates the lane's tables; returns how many. */
  private int truncate(int lane) throws SQLException {
    Connection c = laneConnection(lane);
    synchronized (c) {
      try (Statement s = c.createStatement()) {
        s.setEscapeProcessing(false);
        s.execute(RESET_SQL);
        try (ResultSet rs = s.executeQuery("SELECT current_setting('testlanes.truncated')")) {
          rs.next();
          return Integer.parseInt(rs.getString(1));
        }
      } catch (SQLException e) {
        closeLaneConnection(lane);
        throw e;
      }
    }
  }

  @Override
  public StoreTiming drop(int lane) {
    LaneNames.check(lane);
    long start = System.nanoTime();
    String name = LaneNames.of(lane);
    closeLaneConnection(lane);
    Connection c = borrow();
    boolean ok = false;
    try {
      if (serverVersion == 0) {
        serverVersion = c.getMetaData().getDatabaseMajorVersion();
      }
      execute(c, dropDatabase(name));
      ok = true;
      return StoreTiming.since(Service.POSTGRES, start, "dropped " + name);
    } catch (SQLException e) {
      throw failure("could not drop database " + name, e);
    } finally {
      giveBack(c, ok);
    }
  }

  /**
   * Drops the template of this schema (after the lanes made from it), e.g. when a run cleans up
   * everything. Does nothing if it is not there.
   */
  void dropTemplate() {
    Connection c = borrow();
    boolean ok = false;
    try {
      if (databaseComment(c, template).isPresent()) {
        execute(c, "ALTER DATABASE " + template + " WITH IS_TEMPLATE false");
        execute(c, dropDatabase(template));
      }
      synchronized (initLock) {
        initialised = false;
      }
      ok = true;
    } catch (SQLException e) {
      throw failure("could not drop the template database " + template, e);
    } finally {
      giveBack(c, ok);
    }
  }

  @Override
  public void close() {
    for (Integer lane : List.copyOf(laneConnections.keySet())) {
      closeLaneConnection(lane);
    }
    Connection c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
  }

  // --- connections -------------------------------------------------------------------------

  private Connection laneConnection(int lane) throws SQLException {
    Connection c = laneConnections.get(lane);
    if (c == null) {
      c = connect(LaneNames.of(lane));
      try (Statement s = c.createStatement()) {
        s.execute("SET lock_timeout = " + lockTimeout.toMillis());
      }
      laneConnections.put(lane, c);
    }
    return c;
  }

  private void closeLaneConnection(int lane) {
    Connection c = laneConnections.remove(lane);
    if (c != null) {
      closeQuietly(c);
    }
  }

  private Connection borrow() {
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    try {
      return connect(maintenanceDatabase);
    } catch (SQLException e) {
      throw failure("could not connect to " + endpoint.jdbcUrl(maintenanceDatabase), e);
    }
  }

  /** Returns a connection to the pool, or closes it if the operation failed on it. */
  private void giveBack(Connection c, boolean ok) {
    if (ok) {
      idle.push(c);
    } else {
      closeQuietly(c);
    }
  }

  private Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", endpoint.user());
    p.setProperty("password", endpoint.password());
    p.setProperty("ApplicationName", "testlanes");
    p.setProperty("connectTimeout", "10");
    String url = endpoint.jdbcUrl(database);
    Connection c = driver.connect(url, p);
    if (c == null) {
      throw new SQLException("the Postgres driver does not accept the URL " + url);
    }
    return c;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing a connection failed", e);
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The comment of {@code database} ("" if it has none), or empty if it does not exist. */
  private static Optional<String> databaseComment(Connection c, String database)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database"
                + " WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static void lockLane(Connection c, int lane) throws SQLException {
    execute(c, "SELECT pg_advisory_lock(" + LANE_LOCK + ", " + lane + ")");
  }

  /**
   * Releases an advisory lock; if that fails the connection must be closed (which releases it), so
   * this returns false instead of hiding the operation's own exception.
   */
  private static boolean unlock(Connection c, String sql) {
    try {
      execute(c, sql);
      return true;
    } catch (SQLException e) {
      log.debug("releasing an advisory lock failed; closing the connection releases it", e);
      return false;
    }
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private String scriptNames() {
    StringBuilder b = new StringBuilder();
    for (SchemaScript s : scripts) {
      b.append(b.length() == 0 ? "" : ", ").append(s.location());
    }
    return b.length() == 0 ? "no scripts" : b.toString();
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException(
        "postgres at "
            + endpoint.address()
            + ": "
            + what
            + ": "
            + e.getMessage()
            + " (SQLState "
            + e.getSQLState()
            + ")"
            + ("42501".equals(e.getSQLState())
                ? ". Fix: give the user " + endpoint.user() + " the CREATEDB privilege."
                : ""),
        e);
  }
}

package io.testlanes.internal.lane;

import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Postgres lanes: the schema scripts are applied once to a template database named after their hash
 * ({@code testlanes_tpl_1a2b3c4d}); lane {@code k} is the database {@code lane_k}, a clone of it
 * ({@code CREATE DATABASE lane_k TEMPLATE ... STRATEGY FILE_COPY}); a reset brings the lane back to
 * the template's state, seed rows and sequence values included, truncating only the tables that
 * changed ({@link PostgresReset}).
 *
 * <p>Scripts may create schemas and set {@code search_path}: the template is a copy of what they
 * built, and a reset covers the tables of every schema but the system's. Settings a script gives
 * the database itself ({@code ALTER DATABASE any_name SET search_path = ...}, applied to the
 * template whatever name it gives) are not copied by {@code CREATE DATABASE}: each lane gets them
 * from the template when it is cloned.
 *
 * <p>Across JVMs: the template is built under a Postgres advisory lock, so several JVMs that start
 * at once build it once; it is then marked {@code ALLOW_CONNECTIONS false}, so no session can ever
 * block a clone, and clones of it may run concurrently. A lane database records the schema hash as
 * its comment: a later run with the same schema resets and reuses it, one with another schema drops
 * and re-clones it.
 */
final class PostgresIsolation implements StoreIsolation {
  private static final Log log = Log.get("io.testlanes.lane.postgres");

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
  private volatile boolean replica;
  private volatile List<DatabaseSetting> databaseSettings = List.of();
  private volatile Duration lockTimeout = Duration.ofSeconds(10);

  /**
   * A setting of the template database ({@code ALTER DATABASE ... SET}), or of a role in it, which
   * each lane gets as well.
   *
   * @param role the role, or empty for every role
   */
  private record DatabaseSetting(String role, String name, String value) {}

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
    List<SchemaScript> hashed = new ArrayList<>(scripts);
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
      replica = PostgresReset.mayDisableTriggers(c, serverVersion);
      if (databaseComment(c, template).isPresent()) {
        databaseSettings = databaseSettings(c);
        ok = true;
        return "reused template " + template;
      }
      execute(c, "SELECT pg_advisory_lock(" + TEMPLATE_LOCK + ")");
      try {
        if (databaseComment(c, template).isPresent()) {
          databaseSettings = databaseSettings(c);
          ok = true;
          return "reused template " + template + " (another JVM built it)";
        }
        String building = template + "_building";
        execute(c, dropDatabase(building));
        execute(c, "CREATE DATABASE " + building);
        int statements;
        PostgresReset.Result seed;
        try {
          statements = applyScripts(building);
          if (!flyway.isEmpty()) {
            statements += migrate(building);
          }
          if (!liquibase.isEmpty()) {
            statements += LiquibaseTemplate.update(endpoint, building, liquibase, loader, template);
          }
          try (Connection b = connect(building)) {
            seed = PostgresReset.install(b, serverVersion, replica);
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
        databaseSettings = databaseSettings(c);
        ok = true;
        return "built template "
            + template
            + " from "
            + scripts.size()
            + " script(s), "
            + statements
            + " statement(s), seed rows in "
            + seed.restored().size()
            + " of "
            + seed.tables()
            + " table(s)";
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
        count +=
            run(
                c,
                script,
                database,
                "no template database was left behind (" + template + " was not created)");
      }
    }
    return count;
  }

  /**
   * Runs {@code script} on {@code c} (connected to {@code database}), one statement at a time;
   * returns how many. {@code ALTER DATABASE any_name SET|RESET ...} applies to {@code database}.
   */
  private static int run(Connection c, SchemaScript script, String database, String cleanedUp) {
    int count = 0;
    for (ScriptSplitter.Statement st :
        ScriptSplitter.split(script.text(), ScriptSplitter.Dialect.SQL)) {
      try (Statement s = c.createStatement()) {
        s.setEscapeProcessing(false);
        s.execute(forDatabase(st.text(), database));
      } catch (SQLException e) {
        throw schemaFailure(script, st, e, cleanedUp);
      }
      count++;
    }
    return count;
  }

  /**
   * A script written for a real database names it in {@code ALTER DATABASE shop SET search_path =
   * ...}: the statement is meant for the database the script builds, here {@code database}.
   */
  static String forDatabase(String statement, String database) {
    List<ScriptSplitter.Token> t = ScriptSplitter.tokens(statement, ScriptSplitter.Dialect.SQL);
    if (t.size() > 3
        && t.get(0).is("ALTER")
        && t.get(1).is("DATABASE")
        && t.get(2).isName()
        && (t.get(3).is("SET") || t.get(3).is("RESET"))) {
      return statement.substring(0, t.get(2).offset())
          + database
          + statement.substring(t.get(2).end());
    }
    return statement;
  }

  private static SchemaException schemaFailure(
      SchemaScript script, ScriptSplitter.Statement st, SQLException e, String cleanedUp) {
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
        Service.POSTGRES, script.location(), line, message, st.text(), cleanedUp, e);
  }

  @Override
  public StoreTiming prepare(int lane) {
    return prepare(lane, true);
  }

  @Override
  public StoreTiming keep(int lane) {
    return prepare(lane, false);
  }

  /** Clones the lane, or reuses the one there with this schema, reset to the template's state. */
  private StoreTiming prepare(int lane, boolean reset) {
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
          detail =
              reset
                  ? "reused " + name + " (same schema), " + restore(lane).detail()
                  : "kept " + name + " (same schema) as its last holder left it";
        } else {
          closeLaneConnection(lane);
          if (comment.isPresent()) {
            execute(c, dropDatabase(name));
          }
          execute(c, createDatabase(name));
          copySettings(c, name);
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

  /**
   * Gives the lane the template's database settings, which {@code CREATE DATABASE} does not copy:
   * each value is set in this session as the template has it, then stored {@code FROM CURRENT}, so
   * that lists such as {@code search_path} keep their form.
   */
  private void copySettings(Connection c, String lane) throws SQLException {
    if (databaseSettings.isEmpty()) {
      return;
    }
    c.setAutoCommit(false);
    try {
      for (DatabaseSetting d : databaseSettings) {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
          ps.setString(1, d.name());
          ps.setString(2, d.value());
          ps.execute();
        }
        execute(
            c,
            (d.role().isEmpty()
                    ? "ALTER DATABASE "
                    : "ALTER ROLE " + quote(d.role()) + " IN DATABASE ")
                + lane
                + " SET "
                + quote(d.name())
                + " FROM CURRENT");
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The template's database settings, and those of roles in it. */
  private List<DatabaseSetting> databaseSettings(Connection c) throws SQLException {
    List<DatabaseSetting> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT coalesce(r.rolname, ''), unnest(s.setconfig) FROM pg_db_role_setting s"
                + " JOIN pg_database d ON d.oid = s.setdatabase"
                + " LEFT JOIN pg_roles r ON r.oid = s.setrole WHERE d.datname = ?")) {
      ps.setString(1, template);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String setting = rs.getString(2);
          int eq = setting.indexOf('=');
          out.add(
              new DatabaseSetting(
                  rs.getString(1), setting.substring(0, eq), setting.substring(eq + 1)));
        }
      }
    }
    return List.copyOf(out);
  }

  @Override
  public StoreTiming reset(int lane) {
    LaneNames.check(lane);
    long start = System.nanoTime();
    try {
      return StoreTiming.since(Service.POSTGRES, start, restore(lane).detail());
    } catch (SQLException e) {
      throw failure("could not reset database " + LaneNames.of(lane), e);
    }
  }

  /**
   * Runs {@code script} in the lane (after a reset, e.g. a test class's own data): one statement at
   * a time; a reset undoes it like any other write.
   *
   * @throws SchemaException if a statement fails; the statements before it stay applied
   */
  @Override
  public StoreTiming apply(int lane, SchemaScript script) {
    LaneNames.check(lane);
    long start = System.nanoTime();
    String name = LaneNames.of(lane);
    try {
      Connection c = laneConnection(lane);
      synchronized (c) {
        int statements =
            run(c, script, name, "the statements before it stay applied until the next reset");
        return StoreTiming.since(
            Service.POSTGRES,
            start,
            "applied " + script.location() + " to " + name + ": " + statements + " statement(s)");
      }
    } catch (SQLException e) {
      throw failure("could not apply " + script.location() + " to database " + name, e);
    }
  }

  /** Brings the lane back to the template's state ({@link PostgresReset}). */
  private PostgresReset.Result restore(int lane) throws SQLException {
    Connection c = laneConnection(lane);
    synchronized (c) {
      try {
        return PostgresReset.reset(c, replica, false);
      } catch (SQLException e) {
        closeLaneConnection(lane);
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

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
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

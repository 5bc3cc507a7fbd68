package io.testlanes.internal.lane;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.CassandraDriver;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.log.Log;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Cassandra lanes: lane {@code k} is the keyspace {@code lane_k} (SimpleStrategy, replication 1,
 * durable writes off) with the CQL scripts applied ({@link CqlScript}: a script written for a real
 * keyspace is mapped into the lane's).
 *
 * <p>DDL is fast because this strategy has a session of its own that never refreshes schema or
 * token metadata (the driver's debounced metadata refresh after each DDL costs about a second). The
 * scripts are written without a keyspace ({@code CREATE TABLE orders ...}); each statement names
 * its lane's keyspace on the request (native protocol v5, Cassandra 4.0+), so lanes are prepared
 * concurrently on one session. With protocol v4 each lane's DDL opens a session of its own, which
 * is correct but costs about two seconds per lane.
 *
 * <p>Reset: truncates the tables written since the last reset and writes the scripts' own rows
 * (those of their {@code INSERT}, {@code UPDATE}, ... statements) to them again. A table counts as
 * written when Cassandra's count of local writes to it ({@code system_views.local_write_latency},
 * updated before a write is acknowledged) moved since this JVM's last reset of the lane, or when it
 * is not the same table any more (its id changed: dropped and made again), or when it is new. The
 * count grows with every write from any client and never goes back while the node runs, so a lane
 * that another JVM used in between is truncated too. Truncated anyway, because the count cannot be
 * trusted there: every table of a lane this JVM has not reset yet (at {@link #prepare}), and every
 * table when the server has no such virtual table (before 4.0) or the cluster has more than one
 * node (the count is per node). What it misses: writes still in flight when the reset starts (a
 * test that did not wait for its own asynchronous writes), as any reset would. A table a test
 * created is emptied and kept; so is a table of the scripts that a test dropped and made again
 * (another id): it gets no seed rows from then on. Other schema changes a test made are not undone.
 *
 * <p>Lane keyspaces have durable writes off: besides skipping the commit log, TRUNCATE then drops
 * the memtable instead of flushing it to disk first (measured: truncating four tables after 200
 * writes 3.6 ms, against 16 ms with durable writes on).
 *
 * <p>The scripts' rows are read once per JVM from the first lane whose scripts ran, and written
 * from that copy ({@link CassandraSeedRows}): the same values in every lane, {@code now()} and
 * {@code uuid()} included. A statement of the scripts that writes to several tables (a batch) ties
 * them together: when one of them is truncated, all are. Until the copy exists, and for a table
 * that has none, the statements run again: concurrently, each with a client timestamp one
 * microsecond after the one before it, so that the last write of a cell wins as in the script;
 * {@code TRUNCATE} and conditional statements ({@code IF ...}) alone, in order.
 *
 * <p>Keyspaces outlive a keep-alive run: the keyspace {@code testlanes} records each lane's schema
 * hash once its schema is complete; a lane with the same hash is reset and reused, one with another
 * (or none) is dropped and rebuilt.
 */
final class CassandraIsolation implements StoreIsolation {
  private static final Log log = Log.get("io.testlanes.lane.cassandra");
  private static final Pattern CQL_POSITION = Pattern.compile("line (\\d+):(\\d+)");
  private static final String META_KEYSPACE = "testlanes";
  private static final String REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

  private final ServiceEndpoint endpoint;
  private final List<SchemaScript> scripts;
  private final String hash;
  private final CqlScript.Mapped mapped;

  /** Per table written by the scripts, the tables a reset truncates with it (itself included). */
  private final Map<String, Set<String>> seedGroups;

  private final Object initLock = new Object();
  private volatile @Nullable CqlSession session;
  private @Nullable RuntimeException initFailure;
  private volatile boolean perRequestKeyspace;
  private volatile boolean keyspaceOnRequest = true;
  private volatile boolean writeCounts;

  /** The scripts' rows, read from the first lane whose scripts ran in this JVM. */
  private volatile @Nullable CassandraSeedRows seedRows;

  /** Per lane, the ids of the tables the scripts write, as the scripts made them. */
  private final Map<Integer, Map<String, UUID>> seedTableIds = new ConcurrentHashMap<>();

  /** Per lane, its tables as this JVM's last reset left them. */
  private final Map<Integer, Map<String, TableState>> afterReset = new ConcurrentHashMap<>();

  /**
   * A table of a lane and Cassandra's count of local writes to it.
   *
   * @param id the table's id: another id is another table of the same name
   * @param writes -1 where the server does not count
   */
  private record TableState(UUID id, long writes) {}

  CassandraIsolation(ServiceEndpoint endpoint, List<SchemaScript> scripts) {
    if (endpoint.service() != Service.CASSANDRA) {
      throw new IllegalArgumentException("expected a cassandra endpoint, got " + endpoint);
    }
    this.endpoint = endpoint;
    this.scripts = List.copyOf(scripts);
    this.hash = SchemaScript.hash("cassandra", scripts);
    this.mapped = CqlScript.map(scripts, null);
    this.seedGroups = seedGroups(mapped.statements());
  }

  /** Tables written by one statement belong together; so, in turn, do their groups. */
  private static Map<String, Set<String>> seedGroups(List<CqlScript.Statement> statements) {
    Map<String, Set<String>> groups = new HashMap<>();
    for (CqlScript.Statement st : statements) {
      Set<String> merged = new TreeSet<>(st.writes());
      for (String table : st.writes()) {
        merged.addAll(groups.getOrDefault(table, Set.of()));
      }
      for (String table : merged) {
        groups.put(table, merged);
      }
    }
    Map<String, Set<String>> out = new HashMap<>();
    groups.forEach((table, group) -> out.put(table, Set.copyOf(group)));
    return Map.copyOf(out);
  }

  @Override
  public Service service() {
    return Service.CASSANDRA;
  }

  String schemaHash() {
    return hash;
  }

  /**
   * For measurements: whether to name the keyspace on each request where the protocol allows it
   * (the default), or open a session per keyspace for its DDL as with protocol v4. Call before
   * {@link #initialise()}.
   */
  void keyspaceOnRequest(boolean onRequest) {
    this.keyspaceOnRequest = onRequest;
  }

  @Override
  public StoreTiming initialise() {
    long start = System.nanoTime();
    synchronized (initLock) {
      if (initFailure != null) {
        throw initFailure;
      }
      if (session != null) {
        return StoreTiming.since(Service.CASSANDRA, start, "session open");
      }
      try {
        CqlSession s = openSession();
        session = s;
        long connected = System.nanoTime();
        String meta = ensureMetaTable(s);
        writeCounts = countsWrites(s);
        StoreTiming t =
            StoreTiming.since(
                Service.CASSANDRA,
                start,
                "DDL session in "
                    + StoreTiming.millis(Duration.ofNanos(connected - start))
                    + ", protocol "
                    + s.getContext().getProtocolVersion()
                    + ", "
                    + meta
                    + (writeCounts
                        ? ", resets skip tables nothing wrote"
                        : ", resets truncate every table (write counts not available)"));
        log.info("cassandra lanes ready: {}", t);
        return t;
      } catch (RuntimeException e) {
        initFailure = e;
        throw e;
      }
    }
  }

  private CqlSession openSession() {
    CqlSession s = build(null);
    ProtocolVersion v = s.getContext().getProtocolVersion();
    // v5 and DSE v2 carry a keyspace on each request
    perRequestKeyspace = keyspaceOnRequest && v.getCode() >= 5 && v.getCode() != 65;
    return s;
  }

  private CqlSession build(@Nullable String keyspace) {
    DriverConfigLoader config =
        CassandraDriver.tunedForTests()
            .withString(DefaultDriverOption.SESSION_NAME, "testlanes-ddl")
            // DDL on a small, busy machine takes seconds, not the default 2 s
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
            // The schema agreement check stays on: it is one query on one node (skipping it
            // measured no faster) and is needed on several.
            .withDuration(
                DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
            .build();
    CqlSessionBuilder b =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(endpoint.host(), endpoint.port()))
            .withLocalDatacenter(
                endpoint.attribute(ServiceEndpoint.DATACENTER).orElse("datacenter1"))
            .withConfigLoader(config);
    if (!endpoint.user().isEmpty()) {
      b.withAuthCredentials(endpoint.user(), endpoint.password());
    }
    if (keyspace != null) {
      b.withKeyspace(keyspace);
    }
    try {
      return b.build();
    } catch (DriverException e) {
      throw failure("could not connect", e);
    }
  }

  /**
   * Whether resets can trust {@code system_views.local_write_latency}: Cassandra 4.0+ and a single
   * node (the count is per node, and with replication 1 a lane's rows are spread over all nodes).
   */
  private static boolean countsWrites(CqlSession s) {
    try {
      if (s.execute("SELECT peer FROM system.peers").one() != null) {
        return false;
      }
      s.execute("SELECT count FROM system_views.local_write_latency LIMIT 1");
      return true;
    } catch (QueryValidationException e) {
      log.debug("no write counts: resets truncate every table", e);
      return false;
    }
  }

  private String ensureMetaTable(CqlSession s) {
    Row found =
        s.execute(
                SimpleStatement.newInstance(
                    "SELECT table_name FROM system_schema.tables"
                        + " WHERE keyspace_name = ? AND table_name = 'lanes'",
                    META_KEYSPACE))
            .one();
    if (found != null) {
      return "lane records in " + META_KEYSPACE + ".lanes";
    }
    s.execute(
        "CREATE KEYSPACE IF NOT EXISTS "
            + META_KEYSPACE
            + " WITH replication = "
            + REPLICATION
            + " AND durable_writes = true");
    s.execute(
        "CREATE TABLE IF NOT EXISTS "
            + META_KEYSPACE
            + ".lanes (keyspace_name text PRIMARY KEY, schema_hash text, scripts text,"
            + " prepared_at timestamp)");
    return "created " + META_KEYSPACE + ".lanes";
  }

  private CqlSession session() {
    initialise();
    CqlSession s = session;
    if (s == null) {
      throw new IllegalStateException("cassandra lanes are closed; open new Lanes");
    }
    return s;
  }

  @Override
  public StoreTiming prepare(int lane) {
    return prepare(lane, true);
  }

  @Override
  public StoreTiming keep(int lane) {
    return prepare(lane, false);
  }

  /** Builds the keyspace, or reuses the one there with this schema, reset if {@code reset}. */
  private StoreTiming prepare(int lane, boolean reset) {
    LaneNames.check(lane);
    CqlSession s = session();
    long start = System.nanoTime();
    String name = LaneNames.of(lane);
    try {
      CompletionStage<AsyncResultSet> record =
          s.executeAsync(
              SimpleStatement.newInstance(
                  "SELECT schema_hash FROM " + META_KEYSPACE + ".lanes WHERE keyspace_name = ?",
                  name));
      CompletionStage<AsyncResultSet> keyspace =
          s.executeAsync(
              SimpleStatement.newInstance(
                  "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
                  name));
      Row recorded = await(record).one();
      boolean exists = await(keyspace).one() != null;
      afterReset.remove(lane);
      if (exists && recorded != null && hash.equals(recorded.getString(0))) {
        return StoreTiming.since(
            Service.CASSANDRA,
            start,
            reset
                ? "reused " + name + " (same schema), " + restore(s, lane)
                : "kept " + name + " (same schema) as its last holder left it");
      }
      if (exists) {
        s.execute("DROP KEYSPACE IF EXISTS " + name);
      }
      int statements = build(s, name);
      if (seedRows == null && !seedGroups.isEmpty()) {
        seedRows = CassandraSeedRows.read(s, name, seedGroups.keySet());
      }
      Map<String, TableState> built = tables(s, name);
      seedTableIds.put(lane, seedTableIds(built));
      afterReset.put(lane, built);
      return StoreTiming.since(
          Service.CASSANDRA,
          start,
          (exists ? "rebuilt " : "created ") + name + " with " + statements + " statement(s)");
    } catch (DriverException e) {
      throw failure("could not prepare keyspace " + name, e);
    }
  }

  /** Creates the keyspace and applies the scripts; removes it again if a script fails. */
  private int build(CqlSession s, String name) {
    s.execute(
        "CREATE KEYSPACE "
            + name
            + " WITH replication = "
            + REPLICATION
            + " AND durable_writes = false");
    int count = 0;
    try {
      CqlSession target = perRequestKeyspace ? s : build(name);
      try {
        for (CqlScript.Statement st : mapped.statements()) {
          execute(target, st, name, "keyspace " + name + " was removed again");
          count++;
        }
      } finally {
        if (target != s) {
          target.close();
        }
      }
      s.execute(
          SimpleStatement.newInstance(
              "INSERT INTO "
                  + META_KEYSPACE
                  + ".lanes (keyspace_name, schema_hash, scripts, prepared_at)"
                  + " VALUES (?, ?, ?, toTimestamp(now()))",
              name,
              hash,
              scriptNames()));
      return count;
    } catch (RuntimeException e) {
      try {
        s.execute("DROP KEYSPACE IF EXISTS " + name);
      } catch (DriverException dropFailure) {
        e.addSuppressed(dropFailure);
      }
      throw e;
    }
  }

  /**
   * Runs one statement of a script in keyspace {@code name}: named on the request, or by a session
   * of that keyspace, or else (protocol v4, a statement that writes rows) in front of its tables.
   */
  private void execute(CqlSession target, CqlScript.Statement st, String name, String cleanedUp) {
    SimpleStatement statement =
        perRequestKeyspace
            ? SimpleStatement.newInstance(st.text()).setKeyspace(name)
            : SimpleStatement.newInstance(
                target.getKeyspace().isPresent() ? st.text() : st.in(name));
    try {
      target.execute(statement);
    } catch (QueryValidationException e) {
      throw schemaFailure(st, e, cleanedUp);
    }
  }

  private static SchemaException schemaFailure(
      CqlScript.Statement st, QueryValidationException e, String cleanedUp) {
    int line = st.line();
    String message = String.valueOf(e.getMessage());
    Matcher m = CQL_POSITION.matcher(message);
    if (m.find()) {
      line = st.line() + Integer.parseInt(m.group(1)) - 1;
    }
    return new SchemaException(
        Service.CASSANDRA,
        st.script().location(),
        line,
        e.getClass().getSimpleName() + ": " + message,
        st.text(),
        cleanedUp,
        e);
  }

  @Override
  public StoreTiming reset(int lane) {
    LaneNames.check(lane);
    CqlSession s = session();
    long start = System.nanoTime();
    try {
      return StoreTiming.since(Service.CASSANDRA, start, restore(s, lane));
    } catch (DriverException e) {
      throw failure("could not reset keyspace " + LaneNames.of(lane), e);
    }
  }

  /**
   * Runs {@code script} in the lane (mapped as the schema scripts are), one statement at a time.
   *
   * @throws SchemaException if it names another keyspace than the schema scripts, or a statement
   *     fails; the statements before it stay applied
   */
  @Override
  public StoreTiming apply(int lane, SchemaScript script) {
    LaneNames.check(lane);
    CqlSession s = session();
    long start = System.nanoTime();
    String name = LaneNames.of(lane);
    List<CqlScript.Statement> statements =
        CqlScript.map(List.of(script), mapped.keyspace()).statements();
    try {
      for (CqlScript.Statement st : statements) {
        execute(s, st, name, "the statements before it stay applied until the next reset");
      }
    } catch (DriverException e) {
      throw failure("could not apply " + script.location() + " to keyspace " + name, e);
    }
    return StoreTiming.since(
        Service.CASSANDRA,
        start,
        "applied "
            + script.location()
            + " to "
            + name
            + ": "
            + statements.size()
            + " statement(s)");
  }

  /**
   * Truncates the lane's tables that were written since this JVM's last reset of it (all of them if
   * there was none), with their seed groups, and writes their seed rows again. Returns what it did.
   */
  private String restore(CqlSession s, int lane) {
    String name = LaneNames.of(lane);
    Map<String, TableState> now = tables(s, name);
    Map<String, TableState> before = afterReset.remove(lane);
    Set<String> truncate = new TreeSet<>();
    for (Map.Entry<String, TableState> e : now.entrySet()) {
      TableState was = before == null ? null : before.get(e.getKey());
      if (was == null || was.writes() < 0 || !was.equals(e.getValue())) {
        truncate.addAll(seedGroups.getOrDefault(e.getKey(), Set.of(e.getKey())));
      }
    }
    truncate.retainAll(now.keySet());
    if (truncate.isEmpty()) {
      afterReset.put(lane, now);
      return "nothing written: 0 of " + now.size() + " table(s) truncated";
    }
    List<CompletionStage<AsyncResultSet>> truncates = new ArrayList<>();
    for (String table : truncate) {
      truncates.add(s.executeAsync("TRUNCATE TABLE " + name + "." + quote(table)));
    }
    truncates.forEach(CassandraIsolation::await);
    Set<String> seeded = seededTables(lane, now);
    seeded.retainAll(truncate);
    CassandraSeedRows copy = seedRows;
    Set<String> replay = new TreeSet<>();
    for (String table : seeded) {
      if (copy == null || !copy.has(table)) {
        replay.addAll(seedGroups.getOrDefault(table, Set.of()));
      }
    }
    int rows = copy == null ? 0 : copy.write(s, name, seeded, CassandraIsolation::await);
    int replayed = replay(s, name, replay, seeded);
    if (copy == null && before == null && !seedGroups.isEmpty()) {
      seedRows = CassandraSeedRows.read(s, name, seedGroups.keySet());
    }
    afterReset.put(lane, rows + replayed > 0 ? tables(s, name) : now);
    return "truncated "
        + truncate.size()
        + " of "
        + now.size()
        + " table(s) "
        + truncate
        + (rows > 0 ? ", wrote " + rows + " seed row(s) again" : "")
        + (replayed > 0 ? ", ran " + replayed + " seed statement(s) again" : "");
  }

  /**
   * The lane's tables that hold the scripts' rows: those the scripts write, as the scripts made
   * them. One a test dropped and made again (another id) counts as the test's own table from then
   * on.
   */
  private Set<String> seededTables(int lane, Map<String, TableState> now) {
    Map<String, UUID> made = seedTableIds.computeIfAbsent(lane, k -> seedTableIds(now));
    Set<String> out = new TreeSet<>();
    made.forEach(
        (table, id) -> {
          TableState t = now.get(table);
          if (t != null && t.id().equals(id)) {
            out.add(table);
          }
        });
    return out;
  }

  private Map<String, UUID> seedTableIds(Map<String, TableState> tables) {
    Map<String, UUID> ids = new HashMap<>();
    tables.forEach(
        (table, t) -> {
          if (seedGroups.containsKey(table)) {
            ids.put(table, t.id());
          }
        });
    return Map.copyOf(ids);
  }

  /**
   * Runs again the scripts' statements that write to {@code tables} (only those all of whose tables
   * are in {@code writable}), in keyspace {@code name}: concurrently with increasing client
   * timestamps, ordered ones alone. Returns how many.
   */
  private int replay(CqlSession s, String name, Set<String> tables, Set<String> writable) {
    List<CompletionStage<AsyncResultSet>> running = new ArrayList<>();
    long timestamp = System.currentTimeMillis() * 1000;
    int count = 0;
    for (CqlScript.Statement st : mapped.statements()) {
      if (!st.writesRows()
          || !tables.containsAll(st.writes())
          || !writable.containsAll(st.writes())) {
        continue;
      }
      if (st.ordered()) {
        running.forEach(CassandraIsolation::await);
        running.clear();
      }
      running.add(
          s.executeAsync(
              SimpleStatement.newInstance(st.in(name)).setQueryTimestamp(timestamp + count)));
      if (st.ordered()) {
        await(running.remove(0));
      }
      count++;
    }
    running.forEach(CassandraIsolation::await);
    return count;
  }

  /** The lane's tables now, with their write counts where the server keeps them. */
  private Map<String, TableState> tables(CqlSession s, String keyspace) {
    CompletionStage<AsyncResultSet> ids =
        s.executeAsync(
            SimpleStatement.newInstance(
                "SELECT table_name, id FROM system_schema.tables WHERE keyspace_name = ?",
                keyspace));
    CompletionStage<AsyncResultSet> counts =
        writeCounts
            ? s.executeAsync(
                SimpleStatement.newInstance(
                    "SELECT table_name, count FROM system_views.local_write_latency"
                        + " WHERE keyspace_name = ? ALLOW FILTERING",
                    keyspace))
            : null;
    Map<String, Long> writes = new HashMap<>();
    if (counts != null) {
      for (Row r : all(await(counts))) {
        writes.put(Objects.requireNonNull(r.getString(0), "table_name"), r.getLong(1));
      }
    }
    Map<String, TableState> out = new TreeMap<>();
    for (Row r : all(await(ids))) {
      String table = Objects.requireNonNull(r.getString(0), "table_name");
      out.put(
          table,
          new TableState(
              Objects.requireNonNull(r.getUuid(1), "id"), writes.getOrDefault(table, -1L)));
    }
    return out;
  }

  /** The rows of a result that fits in one page (a keyspace's tables do). */
  private static List<Row> all(AsyncResultSet rs) {
    List<Row> rows = new ArrayList<>();
    rs.currentPage().forEach(rows::add);
    if (rs.hasMorePages()) {
      throw new IllegalStateException("more than one page of tables in one keyspace");
    }
    return rows;
  }

  @Override
  public StoreTiming drop(int lane) {
    LaneNames.check(lane);
    CqlSession s = session();
    long start = System.nanoTime();
    String name = LaneNames.of(lane);
    afterReset.remove(lane);
    seedTableIds.remove(lane);
    try {
      s.execute("DROP KEYSPACE IF EXISTS " + name);
      s.execute(
          SimpleStatement.newInstance(
              "DELETE FROM " + META_KEYSPACE + ".lanes WHERE keyspace_name = ?", name));
      return StoreTiming.since(Service.CASSANDRA, start, "dropped " + name);
    } catch (DriverException e) {
      throw failure("could not drop keyspace " + name, e);
    }
  }

  @Override
  public void close() {
    CqlSession s;
    synchronized (initLock) {
      s = session;
      session = null;
      if (s != null) {
        initFailure =
            new IllegalStateException("cassandra lanes are closed; open new Lanes to use them");
      }
    }
    if (s != null) {
      s.close();
    }
  }

  private static AsyncResultSet await(CompletionStage<AsyncResultSet> stage) {
    try {
      return stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CompletableFuture<AsyncResultSet> f = stage.toCompletableFuture();
      f.cancel(true);
      throw new IllegalStateException("interrupted while waiting for cassandra", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(String.valueOf(cause), cause);
    }
  }

  private static String quote(String identifier) {
    return identifier.matches("[a-z_][a-z0-9_]*")
        ? identifier
        : "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private String scriptNames() {
    List<String> names = new ArrayList<>();
    for (SchemaScript s : scripts) {
      names.add(s.location());
    }
    return String.join(", ", names);
  }

  private IllegalStateException failure(String what, DriverException e) {
    return new IllegalStateException(
        "cassandra at " + endpoint.address() + ": " + what + ": " + e.getMessage(), e);
  }
}

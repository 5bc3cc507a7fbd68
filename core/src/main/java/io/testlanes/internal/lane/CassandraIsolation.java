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
import io.testlanes.internal.backend.ServiceEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cassandra lanes: lane {@code k} is the keyspace {@code lane_k} (SimpleStrategy, replication 1,
 * durable writes off) with the CQL scripts applied; reset truncates all its tables at once (cheap
 * where {@code auto_snapshot} is off: a few milliseconds for five tables).
 *
 * <p>DDL is fast because this strategy has a session of its own that never refreshes schema or
 * token metadata (the driver's debounced metadata refresh after each DDL costs about a second). The
 * scripts are written without a keyspace ({@code CREATE TABLE orders ...}); each statement names
 * its lane's keyspace on the request (native protocol v5, Cassandra 4.0+), so lanes are prepared
 * concurrently on one session. With protocol v4 each lane's DDL opens a session of its own, which
 * is correct but costs about two seconds per lane.
 *
 * <p>Keyspaces outlive a keep-alive run: the keyspace {@code testlanes} records each lane's schema
 * hash once its schema is complete; a lane with the same hash is emptied and reused, one with
 * another (or none) is dropped and rebuilt.
 */
final class CassandraIsolation implements StoreIsolation {
  private static final Logger log = LoggerFactory.getLogger("io.testlanes.lane.cassandra");
  private static final Pattern CQL_POSITION = Pattern.compile("line (\\d+):(\\d+)");
  private static final String META_KEYSPACE = "testlanes";
  private static final String REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

  private final ServiceEndpoint endpoint;
  private final List<SchemaScript> scripts;
  private final String hash;
  private final List<ParsedScript> parsed;
  private final Object initLock = new Object();
  private volatile @Nullable CqlSession session;
  private @Nullable RuntimeException initFailure;
  private volatile boolean perRequestKeyspace;
  private volatile boolean keyspaceOnRequest = true;

  private record ParsedScript(SchemaScript script, List<ScriptSplitter.Statement> statements) {}

  CassandraIsolation(ServiceEndpoint endpoint, List<SchemaScript> scripts) {
    if (endpoint.service() != Service.CASSANDRA) {
      throw new IllegalArgumentException("expected a cassandra endpoint, got " + endpoint);
    }
    this.endpoint = endpoint;
    this.scripts = List.copyOf(scripts);
    this.hash = SchemaScript.hash("cassandra", scripts);
    List<ParsedScript> p = new ArrayList<>();
    for (SchemaScript s : scripts) {
      p.add(new ParsedScript(s, ScriptSplitter.split(s.text(), ScriptSplitter.Dialect.CQL)));
    }
    this.parsed = List.copyOf(p);
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
        StoreTiming t =
            StoreTiming.since(
                Service.CASSANDRA,
                start,
                "DDL session in "
                    + StoreTiming.millis(Duration.ofNanos(connected - start))
                    + ", protocol "
                    + s.getContext().getProtocolVersion()
                    + ", "
                    + meta);
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
        DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.SESSION_NAME, "testlanes-ddl")
            // DDL on a small, busy machine takes seconds, not the default 2 s
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
            // no schema or token metadata: the refresh after each DDL dominates its time
            .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
            .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
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
      if (exists && recorded != null && hash.equals(recorded.getString(0))) {
        int truncated = truncate(s, name);
        return StoreTiming.since(
            Service.CASSANDRA,
            start,
            "reused " + name + " (same schema), truncated " + truncated + " table(s)");
      }
      if (exists) {
        s.execute("DROP KEYSPACE IF EXISTS " + name);
      }
      int statements = build(s, name);
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
        for (ParsedScript p : parsed) {
          for (ScriptSplitter.Statement st : p.statements()) {
            SimpleStatement statement = SimpleStatement.newInstance(st.text());
            try {
              target.execute(perRequestKeyspace ? statement.setKeyspace(name) : statement);
            } catch (QueryValidationException e) {
              throw schemaFailure(p.script(), st, e, name);
            }
            count++;
          }
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

  private SchemaException schemaFailure(
      SchemaScript script, ScriptSplitter.Statement st, QueryValidationException e, String name) {
    int line = st.line();
    String message = String.valueOf(e.getMessage());
    Matcher m = CQL_POSITION.matcher(message);
    if (m.find()) {
      line = st.line() + Integer.parseInt(m.group(1)) - 1;
    }
    return new SchemaException(
        Service.CASSANDRA,
        script.location(),
        line,
        e.getClass().getSimpleName() + ": " + message,
        st.text(),
        "keyspace " + name + " was removed again",
        e);
  }

  @Override
  public StoreTiming reset(int lane) {
    LaneNames.check(lane);
    CqlSession s = session();
    long start = System.nanoTime();
    String name = LaneNames.of(lane);
    try {
      int truncated = truncate(s, name);
      return StoreTiming.since(Service.CASSANDRA, start, "truncated " + truncated + " table(s)");
    } catch (DriverException e) {
      throw failure("could not reset keyspace " + name, e);
    }
  }

  /**
   * Truncates every table of the keyspace (listed now, so tables a test created are included), all
   * at once. Returns how many.
   */
  private int truncate(CqlSession s, String keyspace) {
    List<CompletionStage<AsyncResultSet>> truncates = new ArrayList<>();
    for (Row r :
        s.execute(
            SimpleStatement.newInstance(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace))) {
      truncates.add(
          s.executeAsync(
              "TRUNCATE TABLE "
                  + keyspace
                  + "."
                  + quote(Objects.requireNonNull(r.getString(0), "table_name"))));
    }
    for (CompletionStage<AsyncResultSet> t : truncates) {
      await(t);
    }
    return truncates.size();
  }

  @Override
  public StoreTiming drop(int lane) {
    LaneNames.check(lane);
    CqlSession s = session();
    long start = System.nanoTime();
    String name = LaneNames.of(lane);
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

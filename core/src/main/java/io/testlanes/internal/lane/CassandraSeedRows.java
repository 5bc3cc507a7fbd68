package io.testlanes.internal.lane;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The rows the CQL scripts wrote, read once from a lane whose scripts just ran, and written to a
 * lane again after a reset truncated their tables: one prepared {@code INSERT} (or counter {@code
 * UPDATE}) per row, values copied as bytes, in small unlogged batches sent at once. Much cheaper
 * than running the scripts' statements again, which Cassandra must parse one by one.
 *
 * <p>What a copy loses against the scripts: per-row TTLs and write times (a table's default TTL
 * applies again). A table whose rows cannot be copied this way (a partition with static columns but
 * no rows) has no copy; its statements run again instead.
 */
final class CassandraSeedRows {
  /** Statements per batch: Cassandra warns above 10 partitions in an unlogged batch. */
  private static final int BATCH = 10;

  /** Bytes of values per batch: Cassandra warns above 5 KiB ({@code batch_size_warn_threshold}). */
  private static final int BATCH_BYTES = 4096;

  /**
   * The rows of one table.
   *
   * @param columns the columns, partition key first, as the statement binds them
   * @param counter whether it is a counter table (rows are written as increments)
   * @param rows each row's values in column order, null where the row has none
   */
  private record Table(
      String name,
      List<String> columns,
      boolean counter,
      int keyColumns,
      List<@Nullable ByteBuffer[]> rows) {}

  private final Map<String, Table> tables;
  private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

  private CassandraSeedRows(Map<String, Table> tables) {
    this.tables = tables;
  }

  /** Reads the rows of {@code names} (those that exist) in {@code keyspace}. */
  static CassandraSeedRows read(CqlSession s, String keyspace, Set<String> names) {
    Map<String, List<Row>> columns = new TreeMap<>();
    for (Row r :
        s.execute(
            SimpleStatement.newInstance(
                "SELECT table_name, column_name, kind, position, type FROM system_schema.columns"
                    + " WHERE keyspace_name = ?",
                keyspace))) {
      String table = Objects.requireNonNull(r.getString(0), "table_name");
      if (names.contains(table)) {
        columns.computeIfAbsent(table, t -> new ArrayList<>()).add(r);
      }
    }
    Map<String, Table> out = new TreeMap<>();
    columns.forEach(
        (table, cols) -> {
          Table t = read(s, keyspace, table, cols);
          if (t != null) {
            out.put(table, t);
          }
        });
    return new CassandraSeedRows(Map.copyOf(out));
  }

  private static @Nullable Table read(
      CqlSession s, String keyspace, String table, List<Row> schema) {
    List<Row> cols = new ArrayList<>(schema);
    cols.sort(
        Comparator.comparing((Row r) -> rank(Objects.requireNonNull(r.getString(2), "kind")))
            .thenComparing(r -> r.getInt(3))
            .thenComparing(r -> Objects.requireNonNull(r.getString(1), "column_name")));
    List<String> names = new ArrayList<>();
    int keyColumns = 0;
    boolean counter = false;
    for (Row c : cols) {
      names.add(CqlIdentifier.fromInternal(Objects.requireNonNull(c.getString(1))).asCql(true));
      String kind = Objects.requireNonNull(c.getString(2));
      if (kind.equals("partition_key") || kind.equals("clustering")) {
        keyColumns++;
      }
      counter |= "counter".equals(c.getString(4));
    }
    List<@Nullable ByteBuffer[]> rows = new ArrayList<>();
    for (Row r :
        s.execute(
            "SELECT "
                + String.join(", ", names)
                + " FROM "
                + keyspace
                + "."
                + CqlIdentifier.fromInternal(table).asCql(true))) {
      @Nullable ByteBuffer[] values = new ByteBuffer[names.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.getBytesUnsafe(i);
        if (i < keyColumns && values[i] == null) {
          return null; // a partition with static columns only: not copied
        }
      }
      rows.add(values);
    }
    return new Table(table, List.copyOf(names), counter, keyColumns, rows);
  }

  private static int rank(String kind) {
    return switch (kind) {
      case "partition_key" -> 0;
      case "clustering" -> 1;
      default -> 2;
    };
  }

  /** Whether this copy has the rows of {@code table}. */
  boolean has(String table) {
    return tables.containsKey(table);
  }

  /** Writes the rows of {@code names} (those it has) into {@code keyspace}; returns how many. */
  int write(
      CqlSession s,
      String keyspace,
      Set<String> names,
      Consumer<CompletionStage<AsyncResultSet>> await) {
    List<CompletionStage<AsyncResultSet>> running = new ArrayList<>();
    int count = 0;
    for (String name : names) {
      Table t = tables.get(name);
      if (t == null || t.rows().isEmpty()) {
        continue;
      }
      PreparedStatement ps =
          prepared.computeIfAbsent(keyspace + "." + name, k -> s.prepare(statement(keyspace, t)));
      BatchStatementBuilder batch = null;
      int bytes = 0;
      for (@Nullable ByteBuffer[] row : t.rows()) {
        BoundStatement bound = bind(ps, t, row);
        int size = 0;
        for (ByteBuffer v : row) {
          size += v == null ? 0 : v.remaining();
        }
        if (batch != null && (batch.getStatementsCount() >= BATCH || bytes + size > BATCH_BYTES)) {
          running.add(s.executeAsync(batch.build()));
          batch = null;
        }
        if (batch == null) {
          batch = BatchStatement.builder(t.counter() ? BatchType.COUNTER : BatchType.UNLOGGED);
          bytes = 0;
        }
        batch.addStatement(bound);
        bytes += size;
        count++;
      }
      if (batch != null) {
        running.add(s.executeAsync(batch.build()));
      }
    }
    running.forEach(await);
    return count;
  }

  private static String statement(String keyspace, Table t) {
    String table = keyspace + "." + CqlIdentifier.fromInternal(t.name()).asCql(true);
    List<String> columns = t.columns();
    if (!t.counter()) {
      return "INSERT INTO "
          + table
          + " ("
          + String.join(", ", columns)
          + ") VALUES ("
          + String.join(", ", Collections.nCopies(columns.size(), "?"))
          + ")";
    }
    List<String> set = new ArrayList<>();
    for (String c : columns.subList(t.keyColumns(), columns.size())) {
      set.add(c + " = " + c + " + ?");
    }
    List<String> where = new ArrayList<>();
    for (String c : columns.subList(0, t.keyColumns())) {
      where.add(c + " = ?");
    }
    return "UPDATE "
        + table
        + " SET "
        + String.join(", ", set)
        + " WHERE "
        + String.join(" AND ", where);
  }

  /** Binds a row; a column without value stays unset (no tombstone, no increment). */
  private static BoundStatement bind(PreparedStatement ps, Table t, @Nullable ByteBuffer[] row) {
    BoundStatementBuilder b = ps.boundStatementBuilder();
    int n = row.length;
    for (int i = 0; i < n; i++) {
      // a counter UPDATE binds the counters first (SET), then the key (WHERE)
      int value =
          t.counter()
              ? (i < n - t.keyColumns() ? t.keyColumns() + i : i - (n - t.keyColumns()))
              : i;
      ByteBuffer v = row[value];
      if (v != null) {
        b.setBytesUnsafe(i, v.duplicate());
      }
    }
    return b.build();
  }
}

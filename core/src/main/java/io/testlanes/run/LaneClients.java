package io.testlanes.run;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.JedisPooled;

/**
 * Clients of lanes, made on first use and kept for the run (a Cassandra session costs hundreds of
 * milliseconds to connect), closed with the {@link TestRun}. Each store's clients live in a class
 * of their own, so that a project without, say, the Redis driver never loads a Redis class.
 *
 * <ul>
 *   <li>{@link #dataSource}: the PostgreSQL driver's own {@code DataSource} on the lane's database;
 *       each {@code getConnection()} opens a connection (a few milliseconds on loopback), so no
 *       pool keeps a transaction open across a reset.
 *   <li>{@link #cqlSession}: a session bound to the lane's keyspace (unqualified table names work),
 *       tuned for one node: schema metadata and the token map off, 20 s request timeout.
 *   <li>{@link #redis}: a {@code JedisPooled} on the lane's database.
 * </ul>
 */
public final class LaneClients implements AutoCloseable {
  private @Nullable PostgresClients postgres;
  private @Nullable CassandraClients cassandra;
  private @Nullable RedisClients redis;
  private boolean closed;

  LaneClients() {}

  /** The lane's Postgres database. */
  public synchronized DataSource dataSource(Lane lane) {
    open();
    PostgresClients c = postgres;
    if (c == null) {
      c = new PostgresClients();
      postgres = c;
    }
    return c.dataSource(lane);
  }

  /** A session on the lane's Cassandra keyspace. */
  public synchronized CqlSession cqlSession(Lane lane) {
    open();
    CassandraClients c = cassandra;
    if (c == null) {
      c = new CassandraClients();
      cassandra = c;
    }
    return c.session(lane);
  }

  /** A client of the lane's Redis database. */
  public synchronized JedisPooled redis(Lane lane) {
    open();
    RedisClients c = redis;
    if (c == null) {
      c = new RedisClients();
      redis = c;
    }
    return c.pooled(lane);
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the clients of this test run are closed: its run ended");
    }
  }

  /** Closes every session and pool made here. */
  @Override
  public void close() throws Exception {
    List<AutoCloseable> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      if (cassandra != null) {
        all.add(cassandra);
      }
      if (redis != null) {
        all.add(redis);
      }
      cassandra = null;
      redis = null;
      postgres = null;
    }
    Closing.closeAll(all);
  }
}

package io.testlanes.internal.lane;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis lanes: lane {@code k} is logical database {@code k} ({@code SELECT k}); the shared lane is
 * database 0. Reset is {@code FLUSHDB}. The server must have more databases than the run has lanes
 * ({@code databases} in redis.conf, 16 by default); testlanes raises it where it starts Redis and
 * says how to fix it where it does not.
 */
final class RedisIsolation implements StoreIsolation {
  private final ServiceEndpoint endpoint;
  private final int maxLane;
  private final Map<Integer, Jedis> connections = new ConcurrentHashMap<>();
  private volatile int databases = -1; // -1: not known yet

  /**
   * @param maxLane the highest lane number the run may use
   */
  RedisIsolation(ServiceEndpoint endpoint, int maxLane) {
    if (endpoint.service() != Service.REDIS) {
      throw new IllegalArgumentException("expected a redis endpoint, got " + endpoint);
    }
    this.endpoint = endpoint;
    this.maxLane = LaneNames.check(maxLane);
  }

  @Override
  public Service service() {
    return Service.REDIS;
  }

  @Override
  public StoreTiming initialise() {
    long start = System.nanoTime();
    int count = databases();
    if (count >= 0 && maxLane >= count) {
      throw tooFew(count, maxLane, maxLane);
    }
    return StoreTiming.since(
        Service.REDIS,
        start,
        count < 0
            ? "database count unknown (CONFIG GET refused)"
            : count + " databases for " + maxLane + " lane(s)");
  }

  /** The server's database count, or -1 where {@code CONFIG GET} is not allowed. */
  int databases() {
    int known = databases;
    if (known != -1) {
      return known;
    }
    try (Jedis j = connect(0)) {
      List<String> value = List.copyOf(j.configGet("databases").values());
      known = value.isEmpty() ? -2 : Integer.parseInt(value.get(0).trim());
    } catch (JedisDataException | NumberFormatException e) {
      known = -2; // CONFIG renamed or forbidden (managed Redis): SELECT tells us per lane
    } catch (JedisException e) {
      throw failure("could not connect", e);
    }
    databases = known;
    return known < 0 ? -1 : known;
  }

  @Override
  public StoreTiming prepare(int lane) {
    long start = System.nanoTime();
    checkCapacity(lane);
    flush(lane);
    return StoreTiming.since(Service.REDIS, start, "database " + lane + " flushed");
  }

  @Override
  public StoreTiming keep(int lane) {
    long start = System.nanoTime();
    checkCapacity(lane);
    return StoreTiming.since(
        Service.REDIS, start, "database " + lane + " kept as its last holder left it");
  }

  private void checkCapacity(int lane) {
    LaneNames.check(lane);
    int count = databases();
    if (count >= 0 && lane >= count) {
      throw tooFew(count, lane, Math.max(lane, maxLane));
    }
  }

  @Override
  public StoreTiming reset(int lane) {
    LaneNames.check(lane);
    long start = System.nanoTime();
    flush(lane);
    return StoreTiming.since(Service.REDIS, start, "FLUSHDB on database " + lane);
  }

  /** Redis lanes take no scripts: a reset leaves the database empty. */
  @Override
  public StoreTiming apply(int lane, SchemaScript script) {
    throw new IllegalArgumentException(
        "redis lanes take no scripts (got "
            + script.location()
            + "): a reset leaves the lane's database empty. Fix: write the keys a test needs in"
            + " the test's own setup.");
  }

  @Override
  public StoreTiming drop(int lane) {
    LaneNames.check(lane);
    long start = System.nanoTime();
    flush(lane);
    Jedis j = connections.remove(lane);
    if (j != null) {
      j.close();
    }
    return StoreTiming.since(Service.REDIS, start, "database " + lane + " flushed");
  }

  private void flush(int lane) {
    Jedis j;
    try {
      j = connections.computeIfAbsent(lane, this::connect);
    } catch (JedisDataException e) {
      if (String.valueOf(e.getMessage()).contains("DB index is out of range")) {
        throw tooFew(-1, lane, Math.max(lane, maxLane));
      }
      throw failure("could not select database " + lane, e);
    } catch (JedisException e) {
      throw failure("could not connect", e);
    }
    synchronized (j) {
      try {
        j.flushDB();
      } catch (JedisException e) {
        connections.remove(lane, j);
        j.close();
        throw failure("FLUSHDB on database " + lane + " failed", e);
      }
    }
  }

  private Jedis connect(int db) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .database(db)
            .clientName("testlanes")
            .timeoutMillis(10_000);
    if (!endpoint.password().isEmpty()) {
      config.password(endpoint.password());
      if (!endpoint.user().isEmpty()) {
        config.user(endpoint.user());
      }
    }
    Jedis j = new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
    try {
      j.ping(); // connects, authenticates and selects the database now, not on first use
    } catch (JedisException e) {
      j.close();
      throw e;
    }
    return j;
  }

  /**
   * @param count the server's database count, or -1 if unknown
   * @param refused the database that does not exist
   * @param lane the highest lane the run needs
   */
  private IllegalStateException tooFew(int count, int refused, int lane) {
    String has =
        count >= 0
            ? "has " + count + " databases (0.." + (count - 1) + ")"
            : "refuses SELECT " + refused + " (DB index is out of range)";
    return new IllegalStateException(
        "redis at "
            + endpoint.address()
            + " "
            + has
            + ", but testlanes needs database k for lane k, up to lane "
            + lane
            + ": at least "
            + (lane + 1)
            + " databases. Fix: raise 'databases' to "
            + (lane + 1)
            + " or more in redis.conf (or start redis-server with --databases "
            + (lane + 1)
            + "), or run fewer lanes ("
            + Keys.WORKERS
            + " times the JVMs of the run"
            + (count > 1 ? " at most " + (count - 1) : "")
            + "). Where testlanes starts Redis (embedded and docker backends) it raises"
            + " 'databases' itself.");
  }

  private IllegalStateException failure(String what, JedisException e) {
    return new IllegalStateException(
        "redis at " + endpoint.address() + ": " + what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    for (Integer lane : List.copyOf(connections.keySet())) {
      Jedis j = connections.remove(lane);
      if (j != null) {
        j.close();
      }
    }
  }
}

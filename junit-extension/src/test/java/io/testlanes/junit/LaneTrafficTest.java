package io.testlanes.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.testlanes.Lane;
import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.internal.run.RunDirectory;
import io.testlanes.internal.run.RunLeftovers;
import io.testlanes.run.TestRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import redis.clients.jedis.JedisPooled;

/**
 * Lanes under traffic: {@value #LANES} workers at once, each on a lane of its own, write and read
 * the same keys, ids and rows on all three stores, each with a marker of its own, and assert that
 * every read gives back their own marker: zero reads of another lane's data. Part of the
 * reliability suite; prints the figures.
 */
@Tag("reliability")
class LaneTrafficTest {
  static final int LANES = 8;
  static final int ROUNDS = 100;
  private static final int REPETITIONS = 2 * LANES; // each lane about twice

  static final AtomicLong POSTGRES_OPS = new AtomicLong();
  static final AtomicLong REDIS_OPS = new AtomicLong();
  static final AtomicLong CASSANDRA_OPS = new AtomicLong();
  static final Set<Integer> LANES_USED = ConcurrentHashMap.newKeySet();

  private final Map<String, String> props =
      Map.of(
          Keys.RUN_ID,
          "lane-traffic-" + UUID.randomUUID(),
          Keys.SERVICES,
          "postgres,redis,cassandra",
          Keys.WORKERS,
          Integer.toString(LANES));
  private final Settings settings =
      Settings.load(
          List.of(
              ConfigSource.of("test", props),
              ConfigSource.systemProperties(),
              ConfigSource.environment()));

  @AfterEach
  void stop() throws Exception {
    TestRun.down(settings, false, true, Duration.ofSeconds(60));
    RunDirectory dir = RunDirectory.of(settings);
    new RunLeftovers(dir, dir.dataRoot(settings)).deleteRunDirectory();
  }

  @Test
  void lanesUnderTrafficNeverReadAnotherLanesData() throws Exception {
    long s0 = System.nanoTime();
    try (TestRun run = TestRun.join(settings, LaneTrafficTest.class.getClassLoader())) {
      run.awaitLanes(); // the services and the template, started before the traffic is timed
    }
    Duration start = Duration.ofNanos(System.nanoTime() - s0);
    long t0 = System.nanoTime();

    EngineExecutionResults results = Kit.parallel().with(props).run(TrafficTestCase.class);

    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    results.testEvents().assertStatistics(s -> s.started(REPETITIONS).succeeded(REPETITIONS));
    assertThat(LANES_USED).hasSize(LANES);
    long ops = POSTGRES_OPS.get() + REDIS_OPS.get() + CASSANDRA_OPS.get();
    assertThat(POSTGRES_OPS.get()).isEqualTo(REPETITIONS * ROUNDS * 3L);
    assertThat(REDIS_OPS.get()).isEqualTo(REPETITIONS * ROUNDS * 2L);
    assertThat(CASSANDRA_OPS.get()).isEqualTo(REPETITIONS * ROUNDS * 2L);
    System.out.printf(
        "lane traffic: %d lanes, %d tests at once, %d ops (postgres %d, redis %d, cassandra %d),"
            + " 0 reads of another lane's data, in %.1f s (%.0f ops/s; the services' start before:"
            + " %.1f s)%n",
        LANES_USED.size(),
        LANES,
        ops,
        POSTGRES_OPS.get(),
        REDIS_OPS.get(),
        CASSANDRA_OPS.get(),
        took.toMillis() / 1000.0,
        ops * 1e9 / took.toNanos(),
        start.toMillis() / 1000.0);
  }

  /** Each repetition runs concurrently with the others on a lane of its own. */
  @TestLanes
  @Execution(ExecutionMode.CONCURRENT)
  static class TrafficTestCase {
    @RepeatedTest(REPETITIONS)
    void writesAndReadsOnlyItsOwnData(Lane lane, DataSource db, JedisPooled redis, CqlSession cql)
        throws SQLException {
      LANES_USED.add(lane.number());
      String marker = lane.name() + "-" + UUID.randomUUID();
      PreparedStatement write = cql.prepare("INSERT INTO notes (id, owner) VALUES (?, ?)");
      PreparedStatement read = cql.prepare("SELECT owner FROM notes WHERE id = ?");
      try (Connection c = db.getConnection();
          var upsert =
              c.prepareStatement(
                  "INSERT INTO notes VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET owner ="
                      + " excluded.owner");
          var select = c.prepareStatement("SELECT owner FROM notes WHERE id = ?");
          var others = c.prepareStatement("SELECT count(*) FROM notes WHERE owner <> ?")) {
        for (int i = 0; i < ROUNDS; i++) {
          int id = i % 10; // every lane writes the same ten ids and keys
          upsert.setInt(1, id);
          upsert.setString(2, marker);
          upsert.executeUpdate();
          select.setInt(1, id);
          try (ResultSet rs = select.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(marker);
          }
          others.setString(1, marker);
          try (ResultSet rs = others.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows of another lane").isZero();
          }
          POSTGRES_OPS.addAndGet(3);

          redis.set("key-" + id, marker);
          assertThat(redis.get("key-" + id)).isEqualTo(marker);
          REDIS_OPS.addAndGet(2);

          cql.execute(write.bind(id, marker));
          Row row = Objects.requireNonNull(cql.execute(read.bind(id)).one());
          assertThat(row.getString(0)).isEqualTo(marker);
          CASSANDRA_OPS.addAndGet(2);
        }
      }
    }
  }
}

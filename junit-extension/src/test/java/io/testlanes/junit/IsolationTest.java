package io.testlanes.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import redis.clients.jedis.JedisPooled;

/**
 * Eight classes, run four at a time, write the same row and the same keys into all three stores and
 * check they see only their own: the isolation that lanes give and shared mode does not.
 */
class IsolationTest {
  static final Map<String, String> LANE_OF_CLASS = new ConcurrentHashMap<>();

  @Test
  void eightClassesAtFourWorkersEachSeeOnlyTheirOwnData() {
    LANE_OF_CLASS.clear();
    EngineExecutionResults results = Kit.parallel().run(WRITERS);
    results.testEvents().assertStatistics(s -> s.started(16).succeeded(16).failed(0));
    assertThat(LANE_OF_CLASS).hasSize(8);
    assertThat(Set.copyOf(LANE_OF_CLASS.values())).allMatch(n -> n.matches("lane_[1-8]"));
  }

  @Test
  void inSharedModeTheSameClassesSeeEachOthersData() {
    EngineExecutionResults results =
        Kit.parallel().with("testlanes.isolation", "shared").run(WRITERS);
    results.testEvents().assertStatistics(s -> s.started(16));
    assertThat(results.testEvents().failed().count())
        .as("tests that saw another worker's rows or keys")
        .isPositive();
  }

  static final Class<?>[] WRITERS = {
    Writer1TestCase.class, Writer2TestCase.class, Writer3TestCase.class, Writer4TestCase.class,
    Writer5TestCase.class, Writer6TestCase.class, Writer7TestCase.class, Writer8TestCase.class
  };

  /** Writes row 1, key {@code note:1} and Cassandra row 1 as its own, then reads them back. */
  abstract static class Writer {
    private final String me = getClass().getSimpleName();

    @Test
    void postgresAndRedisHoldOnlyMyRow(DataSource db, JedisPooled redis, Lane lane)
        throws Exception {
      LANE_OF_CLASS.put(me, lane.name());
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO notes (id, owner) VALUES (1, '" + me + "')");
        s.executeUpdate("INSERT INTO events (owner) VALUES ('" + me + "')");
      }
      redis.set("note:1", me);
      redis.incr("notes:count");
      Thread.sleep(300); // let the other workers write too
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        assertThat(count(s, "SELECT count(*) FROM notes")).isEqualTo(1);
        assertThat(count(s, "SELECT max(id) FROM events")).as("identity restarts").isEqualTo(1);
      }
      assertThat(redis.get("note:1")).isEqualTo(me);
      assertThat(redis.get("notes:count")).isEqualTo("1");
    }

    @Test
    void cassandraHoldsOnlyMyRow(CqlSession cassandra) throws Exception {
      cassandra.execute("INSERT INTO notes (id, owner) VALUES (1, '" + me + "')");
      cassandra.execute("INSERT INTO notes (id, owner) VALUES (2, '" + me + "')");
      Thread.sleep(300);
      assertThat(cassandra.execute("SELECT owner FROM notes").all())
          .extracting(r -> r.getString("owner"))
          .containsExactly(me, me);
    }

    private static int count(Statement s, String sql) throws SQLException {
      try (ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @TestLanes
  static class Writer1TestCase extends Writer {}

  @TestLanes
  static class Writer2TestCase extends Writer {}

  @TestLanes
  static class Writer3TestCase extends Writer {}

  @TestLanes
  static class Writer4TestCase extends Writer {}

  @TestLanes
  static class Writer5TestCase extends Writer {}

  @TestLanes
  static class Writer6TestCase extends Writer {}

  @TestLanes
  static class Writer7TestCase extends Writer {}

  @TestLanes
  static class Writer8TestCase extends Writer {}
}

package io.testlanes.junit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.testlanes.Lane;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import redis.clients.jedis.JedisPooled;

/**
 * What a fixture test finds in its lane, recorded by test, then what it writes: one kind row in
 * Postgres and Cassandra, one count in Redis. The tests of the reset modes and data scripts assert
 * on {@link #SEEN}.
 */
final class LaneProbe {
  /** {@code Class.test} → {@code lane_1 pg=[book, game, tool] cql=[book, game, tool] writes=0}. */
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  static final String TEMPLATE = "pg=[book, game, tool] cql=[book, game, tool] writes=0";

  private LaneProbe() {}

  /** Records what {@code test} of {@code testClass} sees, then writes its own rows. */
  static void probe(
      Class<?> testClass, String test, DataSource db, CqlSession cql, JedisPooled redis, Lane lane)
      throws SQLException {
    String name = testClass.getSimpleName().replace("TestCase", "") + "." + test;
    String writes = redis.get("writes");
    SEEN.put(
        name,
        lane.name()
            + " pg="
            + kinds(db)
            + " cql="
            + kinds(cql)
            + " writes="
            + (writes == null ? "0" : writes));
    int id;
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(id) + 1 FROM kinds")) {
      rs.next();
      id = rs.getInt(1);
      s.executeUpdate("INSERT INTO kinds (id, name) VALUES (" + id + ", '" + name + "')");
    }
    cql.execute("INSERT INTO kinds (id, name) VALUES (" + id + ", '" + name + "')");
    redis.incr("writes");
  }

  /** What {@code test} saw, without its lane. */
  static String seen(String test) {
    String s = SEEN.get(test);
    if (s == null) {
      throw new AssertionError("no test " + test + " ran; seen: " + SEEN);
    }
    return s.substring(s.indexOf(' ') + 1);
  }

  /** The lane {@code test} ran in. */
  static String laneOf(String test) {
    String s = SEEN.get(test);
    if (s == null) {
      throw new AssertionError("no test " + test + " ran; seen: " + SEEN);
    }
    return s.substring(0, s.indexOf(' '));
  }

  static List<String> kinds(DataSource db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM kinds ORDER BY id")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  static List<String> kinds(CqlSession cql) {
    return cql.execute("SELECT id, name FROM kinds").all().stream()
        .sorted(Comparator.comparingInt((Row r) -> r.getInt("id")))
        .map(r -> r.getString("name"))
        .toList();
  }
}

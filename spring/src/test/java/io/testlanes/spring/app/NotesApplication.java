package io.testlanes.spring.app;

import com.datastax.oss.driver.api.core.CqlSession;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** A tiny application on the three stores, for the module's tests. */
@SpringBootApplication
public class NotesApplication {

  /** Notes in Postgres, a counter in Redis, an audit trail in Cassandra. */
  @Service
  public static class Notes {
    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;
    private final CqlSession cassandra;

    public Notes(JdbcTemplate jdbc, StringRedisTemplate redis, CqlSession cassandra) {
      this.jdbc = jdbc;
      this.redis = redis;
      this.cassandra = cassandra;
    }

    public void add(String owner, String body) {
      jdbc.update("INSERT INTO notes (owner, body) VALUES (?, ?)", owner, body);
      redis.opsForValue().increment("notes:" + owner);
      cassandra.execute(
          "INSERT INTO audit (owner, at, what) VALUES ('" + owner + "', now(), 'added')");
    }

    public int count() {
      Integer n = jdbc.queryForObject("SELECT count(*) FROM notes", Integer.class);
      return n == null ? 0 : n;
    }

    public long redisKeys() {
      Long n =
          redis.execute(
              (org.springframework.data.redis.core.RedisCallback<Long>)
                  c -> c.serverCommands().dbSize());
      return n == null ? 0 : n;
    }

    public long auditRows() {
      return java.util.Objects.requireNonNull(cassandra.execute("SELECT count(*) FROM audit").one())
          .getLong(0);
    }

    public int tags() {
      Integer n = jdbc.queryForObject("SELECT count(*) FROM tags", Integer.class);
      return n == null ? 0 : n;
    }
  }

  /** A payment gateway the tests replace with a mock in one configuration. */
  @Service
  public static class Clock {
    public String now() {
      return java.time.Instant.now().toString();
    }
  }
}

package io.testlanes.examples.springshop.support;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.springshop.ShopApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shop tests' base class the usual Spring way, for the benchmarks' comparison: every context on
 * the same singleton containers ({@link ShopContainers}), the tests one after another, and what the
 * last test left emptied before each test (the reference rows of the migrations stay).
 */
@SpringBootTest(classes = ShopApplication.class)
@Import(ShopContainers.class)
public abstract class ShopTest extends ShopFixtures {
  @Autowired private StringRedisTemplate redis;
  @Autowired private CqlSession cassandra;

  @BeforeEach
  void emptyTheStores() {
    jdbc.execute("TRUNCATE order_lines, orders, products RESTART IDENTITY");
    try (RedisConnection connection = redis.getRequiredConnectionFactory().getConnection()) {
      connection.serverCommands().flushDb();
    }
    cassandra.execute("TRUNCATE order_events");
  }
}

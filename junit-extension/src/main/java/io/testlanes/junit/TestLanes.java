package io.testlanes.junit;

import io.testlanes.config.Reset;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class in a lane of its own: a Postgres database cloned from the migrated template, a
 * Cassandra keyspace and a Redis database that no other test running at the same time can see.
 *
 * <p>Test methods, lifecycle methods and constructors may declare parameters of type {@code
 * javax.sql.DataSource}, {@code com.datastax.oss.driver.api.core.CqlSession} (bound to the lane's
 * keyspace), {@code redis.clients.jedis.JedisPooled} (on the lane's database) and {@link
 * io.testlanes.Lane}.
 *
 * <pre>{@code
 * @TestLanes
 * class OrderRepositoryTest {
 *   @Test
 *   void storesAnOrder(DataSource postgres, CqlSession cassandra, JedisPooled redis) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TestLanesExtension.class)
public @interface TestLanes {
  /**
   * When this class's lane returns to the template's state; {@link Reset#DEFAULT} follows {@code
   * testlanes.reset}. An inner ({@code @Nested}) class's value wins over its outer class's.
   */
  Reset reset() default Reset.DEFAULT;
}

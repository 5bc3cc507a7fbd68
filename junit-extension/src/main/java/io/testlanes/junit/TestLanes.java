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
   * When this class's lane returns to the template's state: {@link Reset#TEST} before each test,
   * {@link Reset#CLASS} only when the class leases it, {@link Reset#NONE} never (the class sees
   * what earlier holders of the lane left). {@link Reset#DEFAULT} follows {@code testlanes.reset}
   * (default {@code test}). An inner ({@code @Nested}) class's value wins over its outer class's
   * for the inner class's tests; the lane itself is the outer class's, so with {@code class} on the
   * outer class and {@code test} on an inner one, the inner class's tests each start from the
   * template.
   */
  Reset reset() default Reset.DEFAULT;

  /**
   * This class's own data, on top of the rows of the template: classpath scripts run in the class's
   * lane when the class leases it and after each reset (so with {@link Reset#TEST} before each
   * test), and undone by the lane's next reset, like anything a test writes. The lane's next holder
   * never sees them (unless both run with {@link Reset#NONE}).
   *
   * <p>A script's name says its store: {@code .sql} runs in Postgres, {@code .cql} in Cassandra
   * (written for the schema's keyspace or none; it runs in the lane's keyspace). Scripts of one
   * store run in the order given. A plain name is relative to the package of the class that
   * declares it, a name starting with {@code /} is from the classpath root (as Spring's {@code
   * Sql}):
   *
   * <pre>{@code
   * @TestLanes(data = {"orders-fixture.sql", "orders-fixture.cql"})
   * class OrderReportTest { ... }   // src/test/resources/com/shop/orders-fixture.sql
   * }</pre>
   *
   * <p>With {@link Reset#NONE} the scripts run each time the class leases a lane, on whatever the
   * lane holds: make them repeatable ({@code INSERT … ON CONFLICT DO NOTHING}; CQL inserts are
   * upserts anyway). A missing script, or one whose store is not a service of the run, fails the
   * class before any of its tests. A {@code @Nested} class shares its outer class's lane and data
   * and declares none of its own.
   */
  String[] data() default {};
}

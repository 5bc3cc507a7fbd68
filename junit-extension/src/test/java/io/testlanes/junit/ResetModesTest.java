package io.testlanes.junit;

import static io.testlanes.junit.LaneProbe.SEEN;
import static io.testlanes.junit.LaneProbe.TEMPLATE;
import static io.testlanes.junit.LaneProbe.laneOf;
import static io.testlanes.junit.LaneProbe.probe;
import static io.testlanes.junit.LaneProbe.seen;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import io.testlanes.config.Reset;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import redis.clients.jedis.JedisPooled;

/**
 * Each reset mode through the engine, with exact rows per test. Every fixture test records what it
 * finds ({@link LaneProbe}: the schema's three kinds, the kinds earlier tests added, Redis writes),
 * then adds its own kind and write. At one worker every class gets lane_1, one after another.
 */
class ResetModesTest {

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  @Test
  void testResetsBeforeEachTestToTheTemplatesRows() {
    Kit.parallel().run(EachTestTestCase.class).testEvents().assertStatistics(s -> s.succeeded(3));

    assertThat(seen("EachTest.t1")).isEqualTo(TEMPLATE);
    assertThat(seen("EachTest.t2")).isEqualTo(TEMPLATE);
    assertThat(seen("EachTest.t3")).isEqualTo(TEMPLATE);
  }

  @Test
  void classResetsAtLeaseSoATestSeesTheEarlierTestsOfItsClassButNoOtherClass() {
    Kit kit = Kit.parallel().with("testlanes.workers", "1");
    kit.run(PerClassTestCase.class).testEvents().assertStatistics(s -> s.succeeded(3));
    String first = SEEN.toString();
    assertThat(seen("PerClass.t1")).isEqualTo(TEMPLATE);
    assertThat(seen("PerClass.t2"))
        .isEqualTo(
            "pg=[book, game, tool, PerClass.t1] cql=[book, game, tool, PerClass.t1] writes=1");
    assertThat(seen("PerClass.t3"))
        .isEqualTo(
            "pg=[book, game, tool, PerClass.t1, PerClass.t2]"
                + " cql=[book, game, tool, PerClass.t1, PerClass.t2] writes=2");

    // The same class again gets the same lane, reset at lease: the same rows as the first time.
    SEEN.clear();
    kit.run(PerClassTestCase.class).testEvents().assertStatistics(s -> s.succeeded(3));
    assertThat(SEEN.toString()).isEqualTo(first);
  }

  @Test
  void noneNeverResetsSoAClassSeesWhatEarlierClassesOnItsLaneLeft() {
    Kit kit = Kit.parallel().with("testlanes.workers", "1");
    // Starts from the template (reset at lease), leaves two kinds and two writes.
    kit.run(PerClassTestCase.class).testEvents().assertStatistics(s -> s.succeeded(3));
    assertThat(seen("PerClass.t1")).isEqualTo(TEMPLATE);

    kit.run(NeverTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(laneOf("Never.t1")).isEqualTo(laneOf("PerClass.t1"));
    String left = "book, game, tool, PerClass.t1, PerClass.t2, PerClass.t3";
    assertThat(seen("Never.t1")).isEqualTo("pg=[" + left + "] cql=[" + left + "] writes=3");
    assertThat(seen("Never.t2"))
        .isEqualTo("pg=[" + left + ", Never.t1] cql=[" + left + ", Never.t1] writes=4");

    // Again: a later run of the class (another TestRun of this JVM) finds what it left itself.
    kit.run(NeverTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));
    String both = left + ", Never.t1, Never.t2";
    assertThat(seen("Never.t1")).isEqualTo("pg=[" + both + "] cql=[" + both + "] writes=5");

    // A class that resets at lease gets the template back on the same lane.
    kit.run(PerClassTestCase.class).testEvents().assertStatistics(s -> s.succeeded(3));
    assertThat(laneOf("PerClass.t1")).isEqualTo(laneOf("Never.t1"));
    assertThat(seen("PerClass.t1")).isEqualTo(TEMPLATE);
  }

  @Test
  void aClassOverridesTheConfiguredModeAndAnInnerClassOverridesItsOuterClass() {
    EngineExecutionResults results =
        Kit.parallel()
            .with("testlanes.workers", "1")
            .with("testlanes.reset", "none")
            .run(EachTestTestCase.class);
    results.testEvents().assertStatistics(s -> s.succeeded(3));
    assertThat(seen("EachTest.t1")).isEqualTo(TEMPLATE);
    assertThat(seen("EachTest.t2")).isEqualTo(TEMPLATE);
    assertThat(seen("EachTest.t3")).isEqualTo(TEMPLATE);

    SEEN.clear();
    Kit.parallel()
        .with("testlanes.reset", "class")
        .run(ConfiguredTestCase.class, OuterTestCase.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(6));
    assertThat(seen("Configured.t1")).isEqualTo(TEMPLATE);
    assertThat(seen("Configured.t2"))
        .as("testlanes.reset=class")
        .isEqualTo(
            "pg=[book, game, tool, Configured.t1] cql=[book, game, tool, Configured.t1] writes=1");
    assertThat(seen("Outer.t1")).isEqualTo(TEMPLATE);
    assertThat(seen("Outer.t2"))
        .isEqualTo("pg=[book, game, tool, Outer.t1] cql=[book, game, tool, Outer.t1] writes=1");
    assertThat(laneOf("Inner.t1")).isEqualTo(laneOf("Outer.t1"));
    assertThat(seen("Inner.t1")).as("inner class: reset=test").isEqualTo(TEMPLATE);
    assertThat(seen("Inner.t2")).isEqualTo(TEMPLATE);
  }

  /** Three tests, each probing its lane. */
  @TestMethodOrder(MethodOrderer.MethodName.class)
  abstract static class ThreeTests {
    @Test
    void t1(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t1", db, cql, redis, lane);
    }

    @Test
    void t2(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t2", db, cql, redis, lane);
    }

    @Test
    void t3(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t3", db, cql, redis, lane);
    }
  }

  @TestLanes(reset = Reset.TEST)
  static class EachTestTestCase extends ThreeTests {}

  @TestLanes(reset = Reset.CLASS)
  static class PerClassTestCase extends ThreeTests {}

  @TestLanes
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class ConfiguredTestCase {
    @Test
    void t1(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t1", db, cql, redis, lane);
    }

    @Test
    void t2(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t2", db, cql, redis, lane);
    }
  }

  @TestLanes(reset = Reset.NONE)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class NeverTestCase {
    @Test
    void t1(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t1", db, cql, redis, lane);
    }

    @Test
    void t2(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t2", db, cql, redis, lane);
    }
  }

  @TestLanes(reset = Reset.CLASS)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class OuterTestCase {
    @Test
    void t1(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t1", db, cql, redis, lane);
    }

    @Test
    void t2(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t2", db, cql, redis, lane);
    }

    @Nested
    @TestLanes(reset = Reset.TEST)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    class Inner {
      @Test
      void t1(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
        probe(getClass(), "t1", db, cql, redis, lane);
      }

      @Test
      void t2(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
        probe(getClass(), "t2", db, cql, redis, lane);
      }
    }
  }
}

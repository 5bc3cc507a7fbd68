package io.testlanes.junit;

import static io.testlanes.junit.LaneProbe.SEEN;
import static io.testlanes.junit.LaneProbe.TEMPLATE;
import static io.testlanes.junit.LaneProbe.laneOf;
import static io.testlanes.junit.LaneProbe.probe;
import static io.testlanes.junit.LaneProbe.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import io.testlanes.config.Reset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import redis.clients.jedis.JedisPooled;

/**
 * {@code @TestLanes(data = …)}: a class's own rows, there at lease and after each reset, in its
 * lane only, gone for the lane's next holder; a missing script fails the class before its tests.
 */
class DataScriptsTest {
  /** The template's kinds plus the fixture's two, in Postgres and Cassandra. */
  static final String WITH_FIXTURE =
      "pg=[book, game, tool, lamp, desk] cql=[book, game, tool, lamp, desk] writes=0";

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  @Test
  void theClassesDataIsThereForEachTestAfterEachResetAndGoneForTheLanesNextHolder() {
    Kit kit = Kit.parallel().with("testlanes.workers", "1");
    kit.run(FixtureEachTestTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(seen("FixtureEachTest.t1")).isEqualTo(WITH_FIXTURE + " notes=1");
    assertThat(seen("FixtureEachTest.t2")).isEqualTo(WITH_FIXTURE + " notes=1");

    kit.run(FixturePerClassTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(seen("FixturePerClass.t1")).isEqualTo(WITH_FIXTURE);
    assertThat(seen("FixturePerClass.t2"))
        .isEqualTo(
            "pg=[book, game, tool, lamp, desk, FixturePerClass.t1]"
                + " cql=[book, game, tool, lamp, desk, FixturePerClass.t1] writes=1");

    kit.run(NoFixtureTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(laneOf("NoFixture.t1")).isEqualTo(laneOf("FixturePerClass.t1"));
    assertThat(seen("NoFixture.t1")).as("the next holder of the lane").isEqualTo(TEMPLATE);
  }

  @Test
  void classesWithDataRunningAtOnceEachSeeOnlyTheirOwn() {
    EngineExecutionResults results =
        Kit.parallel()
            .run(
                FixtureEachTestTestCase.class,
                NoFixtureTestCase.class,
                FixturePerClassTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(5).succeeded(5));
    assertThat(seen("FixtureEachTest.t2")).isEqualTo(WITH_FIXTURE + " notes=1");
    assertThat(seen("FixturePerClass.t1")).isEqualTo(WITH_FIXTURE);
    assertThat(seen("NoFixture.t1")).isEqualTo(TEMPLATE);
  }

  @Test
  void anIntegrationThatLeasesTheClassesLaneFirstGetsTheDataToo() {
    Kit.parallel()
        .run(FixtureLeasedFirstTestCase.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(2));
    assertThat(laneOf("FixtureLeasedFirst.t1")).isEqualTo("lane_3");
    assertThat(seen("FixtureLeasedFirst.t1")).isEqualTo(WITH_FIXTURE);
    assertThat(seen("FixtureLeasedFirst.t2")).isEqualTo(WITH_FIXTURE);
  }

  @Test
  void aMissingScriptFailsTheClassBeforeAnyTestNamingTheClassAndTheScript() {
    EngineExecutionResults results = Kit.parallel().run(MissingScriptTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(MissingScriptTestCase.class),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        "@TestLanes(data = …) of "
                            + MissingScriptTestCase.class.getName()
                            + " cannot be used: data script 'io/testlanes/junit/no-such-fixture.sql'"
                            + " is not on the class path: expected a resource such as"
                            + " src/test/resources/io/testlanes/junit/no-such-fixture.sql. Fix: add"
                            + " the file there, or correct its location. (A name without a leading"
                            + " / is relative to the class's package.)"))));
  }

  @Test
  void aNestedClassWithDataOfItsOwnFailsWithTheFix() {
    EngineExecutionResults results = Kit.parallel().run(NestedDataTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(
            results.containerEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable())
                .map(t -> t.map(x -> x.getClass().getSimpleName() + ": " + x.getMessage())))
        .containsExactly(
            Optional.of(
                "ExtensionConfigurationException: @Nested class "
                    + NestedDataTestCase.Inner.class.getName()
                    + " declares @TestLanes(data = [/ext/none.sql]), but a @Nested class shares its"
                    + " outer class's lane, and that lane's data is the outer class's. Fix: declare"
                    + " the data on "
                    + NestedDataTestCase.class.getName()
                    + ", or insert the rows in a @BeforeEach of the @Nested class."));
  }

  @Test
  void plainNamesAreRelativeToThePackageOfTheDeclaringClass() {
    assertThat(TestLanesExtension.location(DataScriptsTest.class, "x.sql"))
        .isEqualTo("io/testlanes/junit/x.sql");
    assertThat(TestLanesExtension.location(DataScriptsTest.class, "fixtures/x.cql"))
        .isEqualTo("io/testlanes/junit/fixtures/x.cql");
    assertThat(TestLanesExtension.location(DataScriptsTest.class, "/db/x.sql"))
        .isEqualTo("db/x.sql");
    assertThat(TestLanesExtension.location(DataScriptsTest.class, "classpath:db/x.sql"))
        .isEqualTo("db/x.sql");
  }

  @TestMethodOrder(MethodOrderer.MethodName.class)
  abstract static class TwoTests {
    @Test
    void t1(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t1", db, cql, redis, lane);
    }

    @Test
    void t2(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t2", db, cql, redis, lane);
    }
  }

  /** Also records the fixture's notes, which no probe writes. */
  @TestLanes(
      reset = Reset.TEST,
      data = {"kinds-fixture.sql", "kinds-fixture.cql"})
  static class FixtureEachTestTestCase extends TwoTests {
    @Override
    @Test
    void t1(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      super.t1(db, cql, redis, lane);
      SEEN.computeIfPresent("FixtureEachTest.t1", (k, v) -> v + " notes=" + notes(db));
    }

    @Override
    @Test
    void t2(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      super.t2(db, cql, redis, lane);
      SEEN.computeIfPresent("FixtureEachTest.t2", (k, v) -> v + " notes=" + notes(db));
    }

    private static int notes(DataSource db) {
      try (Connection c = db.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM notes")) {
        rs.next();
        return rs.getInt(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @TestLanes(
      reset = Reset.CLASS,
      data = {"/io/testlanes/junit/kinds-fixture.sql", "kinds-fixture.cql"})
  static class FixturePerClassTestCase extends TwoTests {}

  @TestLanes(reset = Reset.CLASS)
  static class NoFixtureTestCase {
    @Test
    void t1(DataSource db, CqlSession cql, JedisPooled redis, Lane lane) throws SQLException {
      probe(getClass(), "t1", db, cql, redis, lane);
    }
  }

  @ExtendWith(ClassLaneTest.LeasingFirst.class)
  @TestLanes(data = {"kinds-fixture.sql", "kinds-fixture.cql"})
  static class FixtureLeasedFirstTestCase extends TwoTests {}

  @TestLanes(data = "no-such-fixture.sql")
  static class MissingScriptTestCase {
    @Test
    void neverRuns() {}
  }

  @TestLanes
  static class NestedDataTestCase {
    @Test
    void outer(Lane lane) {
      assertThat(lane.name()).startsWith("lane_");
    }

    @Nested
    @TestLanes(data = "/ext/none.sql")
    class Inner {
      @Test
      void neverRuns() {}
    }
  }
}

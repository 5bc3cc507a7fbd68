package io.testlanes.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.testlanes.Lane;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@link ClassLane}: an integration that leases a class's lane by its class, before or after the
 * extension's own callbacks (the way Spring's extension builds a context), gets the one lease of
 * the class; its reset step happens once per test whoever asks first.
 */
class ClassLaneTest {
  static final Map<String, String> LANE_OF = new ConcurrentHashMap<>();

  /** Stands in for Spring's extension: leases the class's lane in its beforeAll, preferring 3. */
  static final class LeasingFirst implements BeforeAllCallback, BeforeEachCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      ClassLane lane = ClassLane.lease(context.getRequiredTestClass(), Set.of(3));
      LANE_OF.put(context.getRequiredTestClass().getSimpleName(), lane.lane().name());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      ClassLane.held(context.getRequiredTestClass()).orElseThrow().beforeTest();
    }
  }

  @Test
  void aLaneLeasedByTheClassBeforeTheExtensionIsTheOneItsTestsGet() {
    LANE_OF.clear();
    EngineExecutionResults results = Kit.parallel().run(EarlyLeaseTestCase.class);
    assertThat(
            results.containerEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(r -> r.getThrowable()))
                .map(t -> t.map(x -> x.toString()).orElse("")))
        .isEmpty();
    results.containerEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
    assertThat(LANE_OF).containsEntry("EarlyLeaseTestCase", "lane_3");
    assertThat(LANE_OF).containsEntry("test", "lane_3").containsEntry("nested", "lane_3");
  }

  @Test
  void theResetBeforeATestHappensOnceWhoeverAsksFirst() {
    EngineExecutionResults results = Kit.parallel().run(CountingRowsTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  void methodsThatWouldRunConcurrentlyOnAPinnedLaneFailWithTheFix() {
    EngineExecutionResults results =
        Kit.parallel()
            .with("junit.jupiter.execution.parallel.mode.default", "concurrent")
            .run(PinnedConcurrentTestCase.class);
    results
        .testEvents()
        .assertThatEvents()
        .haveAtLeastOne(
            event(
                test(),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("runs concurrently with the other methods of its class")
                                && m.contains("@Execution(ExecutionMode.SAME_THREAD)")))));
  }

  @Test
  void aClassThatDoesNotRunHasNoLane() {
    assertThat(ClassLane.held(ClassLaneTest.class)).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ClassLane.lease(ClassLaneTest.class, Set.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not a running @TestLanes class");
  }

  // The integration's extension is registered before @TestLanes, as @SpringBootTest often is.
  @ExtendWith(LeasingFirst.class)
  @TestLanes
  static class EarlyLeaseTestCase {
    @Test
    void first(Lane lane) {
      LANE_OF.put("test", lane.name());
    }

    @Test
    void second(Lane lane) {
      assertThat(lane.name()).isEqualTo(LANE_OF.get("EarlyLeaseTestCase"));
    }

    @Nested
    class Inner {
      @Test
      void nested(Lane lane) {
        LANE_OF.put("nested", lane.name());
      }

      @Test
      void nestedAgain(Lane lane) {
        assertThat(lane.name()).isEqualTo(LANE_OF.get("EarlyLeaseTestCase"));
      }
    }
  }

  /** Each test inserts one row; with one reset per test, each sees exactly its own. */
  @ExtendWith(LeasingFirst.class)
  @TestLanes
  static class CountingRowsTestCase {
    @RepeatedTest(3)
    void seesOnlyItsOwnRow(DataSource db) throws SQLException {
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO events (owner) VALUES ('mine')");
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(1);
        }
      }
    }
  }

  @ExtendWith(LeasingFirst.class)
  @TestLanes
  static class PinnedConcurrentTestCase {
    @RepeatedTest(2)
    void concurrent(Lane lane) {
      assertThat(lane).isNotNull();
    }
  }
}

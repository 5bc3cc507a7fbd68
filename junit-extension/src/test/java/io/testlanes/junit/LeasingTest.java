package io.testlanes.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.Lane;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * How lanes are leased: never more at once than workers, per method when methods run concurrently,
 * shared by @Nested classes.
 */
class LeasingTest {

  /** One test's use of a lane: which lane, from when to when (nanoTime). */
  record Use(String lane, long start, long end) {}

  static final List<Use> USES = new CopyOnWriteArrayList<>();
  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MOST_RUNNING = new AtomicInteger();

  static void use(Lane lane, long millis) throws InterruptedException {
    int now = RUNNING.incrementAndGet();
    MOST_RUNNING.accumulateAndGet(now, Math::max);
    long start = System.nanoTime();
    try {
      Thread.sleep(millis);
    } finally {
      RUNNING.decrementAndGet();
      USES.add(new Use(lane.name(), start, System.nanoTime()));
    }
  }

  static void clear() {
    USES.clear();
    RUNNING.set(0);
    MOST_RUNNING.set(0);
  }

  /** No two uses of one lane overlap in time. */
  static void assertNoLaneSharedAtOnce() {
    List<Use> uses = new ArrayList<>(USES);
    for (int i = 0; i < uses.size(); i++) {
      for (int j = i + 1; j < uses.size(); j++) {
        Use a = uses.get(i);
        Use b = uses.get(j);
        if (a.lane().equals(b.lane())) {
          assertThat(a.end() <= b.start() || b.end() <= a.start())
              .as("%s and %s overlap on %s", a, b, a.lane())
              .isTrue();
        }
      }
    }
  }

  @Test
  void neverMoreTestsHoldALaneAtOnceThanWorkersEvenWhenJUnitRunsMore() {
    clear();
    // JUnit's own pool runs 8 classes at once; testlanes.workers=4 caps the lanes.
    EngineExecutionResults results =
        Kit.parallel()
            .with("junit.jupiter.execution.parallel.config.strategy", "fixed")
            .with("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
            .run(
                Sleeper1TestCase.class,
                Sleeper2TestCase.class,
                Sleeper3TestCase.class,
                Sleeper4TestCase.class,
                Sleeper5TestCase.class,
                Sleeper6TestCase.class,
                Sleeper7TestCase.class,
                Sleeper8TestCase.class);
    results.testEvents().assertStatistics(s -> s.started(16).succeeded(16));
    assertThat(MOST_RUNNING.get()).isBetween(2, 4);
    assertNoLaneSharedAtOnce();
  }

  @Test
  void methodsThatRunConcurrentlyEachLeaseALane() {
    clear();
    EngineExecutionResults results =
        Kit.parallel()
            .with("junit.jupiter.execution.parallel.mode.default", "concurrent")
            .run(ConcurrentMethodsTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(12).succeeded(12));
    assertThat(USES.stream().map(Use::lane).distinct().count()).isGreaterThan(1);
    assertThat(MOST_RUNNING.get()).isBetween(2, 4);
    assertNoLaneSharedAtOnce();
  }

  @Test
  void nestedClassesShareTheirEnclosingClassesLane() {
    clear();
    EngineExecutionResults results = Kit.parallel().run(OuterTestCase.class);
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(USES.stream().map(Use::lane).distinct()).hasSize(1);
  }

  abstract static class Sleeper {
    @Test
    void first(Lane lane) throws InterruptedException {
      use(lane, 200);
    }

    @Test
    void second(Lane lane) throws InterruptedException {
      use(lane, 200);
    }
  }

  @TestLanes
  static class Sleeper1TestCase extends Sleeper {}

  @TestLanes
  static class Sleeper2TestCase extends Sleeper {}

  @TestLanes
  static class Sleeper3TestCase extends Sleeper {}

  @TestLanes
  static class Sleeper4TestCase extends Sleeper {}

  @TestLanes
  static class Sleeper5TestCase extends Sleeper {}

  @TestLanes
  static class Sleeper6TestCase extends Sleeper {}

  @TestLanes
  static class Sleeper7TestCase extends Sleeper {}

  @TestLanes
  static class Sleeper8TestCase extends Sleeper {}

  @TestLanes
  static class ConcurrentMethodsTestCase {
    @RepeatedTest(12)
    void usesItsOwnLane(Lane lane) throws InterruptedException {
      use(lane, 150);
    }
  }

  @TestLanes
  static class OuterTestCase {
    @Test
    void outer(Lane lane) throws InterruptedException {
      use(lane, 1);
    }

    @Nested
    class InnerTestCase {
      private Lane seen;

      @BeforeEach
      void remember(Lane lane) {
        seen = lane;
      }

      @Test
      void inner() throws InterruptedException {
        use(seen, 1);
      }

      @Test
      void innerAgain(Lane lane) throws InterruptedException {
        assertThat(lane).isEqualTo(seen);
        use(lane, 1);
      }
    }
  }
}

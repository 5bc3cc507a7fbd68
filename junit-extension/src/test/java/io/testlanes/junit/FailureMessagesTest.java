package io.testlanes.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** The errors a user meets, word for word. */
class FailureMessagesTest {

  @Nested
  class Failures {
    @Test
    void aBadWorkerCountNamesTheKeyTheValueAndTheFix() {
      EngineExecutionResults results =
          Kit.parallel()
              .with("junit.jupiter.execution.parallel.config.strategy", "fixed")
              .with("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
              .with("testlanes.workers", "abc")
              .run(NeedsALaneTestCase.class);
      assertTheClassFailsWith(
          results,
          "Invalid value 'abc' for testlanes.workers (from JUnit configuration parameter"
              + " testlanes.workers): expected a whole number of parallel workers from 1 to 256."
              + " Fix: give a number, for example -Dtestlanes.workers=4.");
    }

    @Test
    void aMisspeltKeyInJunitPlatformPropertiesFailsTheClassWithTheKeyItMeans(@TempDir Path dir)
        throws IOException {
      Files.writeString(
          dir.resolve("junit-platform.properties"), "# the project's file\ntestlanes.wrokers=2\n");
      Thread thread = Thread.currentThread();
      ClassLoader original = thread.getContextClassLoader();
      EngineExecutionResults results;
      try (URLClassLoader withFile =
          new URLClassLoader(new URL[] {dir.toUri().toURL()}, original)) {
        thread.setContextClassLoader(withFile);
        results =
            Kit.parallel()
                .with("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .with("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .run(NeedsALaneTestCase.class);
      } finally {
        thread.setContextClassLoader(original);
      }
      results.testEvents().assertStatistics(s -> s.started(0));
      assertTheClassFailsWith(
          results,
          "Unknown configuration key 'testlanes.wrokers' (from JUnit configuration parameter"
              + " testlanes.wrokers): did you mean testlanes.workers? Expected one of the keys"
              + " listed in io.testlanes.config.Keys. Fix: rename it to testlanes.workers, or"
              + " remove it.");
    }

    @Test
    void aParameterForAServiceTheRunLacksNamesTheTypeAndTheFix() {
      EngineExecutionResults results =
          Kit.parallel()
              .with("testlanes.services", "postgres,redis")
              .run(NeedsCassandraTestCase.class);
      results
          .testEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              finishedWithFailure(
                  message(
                      "parameter CqlSession cassandra of void"
                          + " io.testlanes.junit.FailureMessagesTest$NeedsCassandraTestCase.query(com.datastax.oss.driver.api.core.CqlSession)"
                          + " needs cassandra, which is not a service of this run (it has:"
                          + " postgres, redis). Fix: add cassandra to testlanes.services, or put"
                          + " its client driver on the test classpath when testlanes.services is"
                          + " not set.")));
    }

    @Test
    void noFreeLaneWithinTheTimeoutSaysWhoHoldsTheLanes() {
      EngineExecutionResults results =
          Kit.parallel()
              .with("junit.jupiter.execution.parallel.config.strategy", "fixed")
              .with("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
              .with("testlanes.workers", "1")
              .with("testlanes.leaseTimeout", "1s")
              .run(SlowHolder1TestCase.class, SlowHolder2TestCase.class);
      results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
      Event failed = results.testEvents().failed().list().get(0);
      String message =
          failed
              .getPayload(org.junit.platform.engine.TestExecutionResult.class)
              .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
              .map(Throwable::getMessage)
              .orElse("");
      assertThat(message)
          .startsWith(
              "no lane became free within 1 s for io.testlanes.junit.FailureMessagesTest$SlowHolder")
          .contains(
              "all 1 workers of this JVM hold one: [lane_1 by"
                  + " io.testlanes.junit.FailureMessagesTest$SlowHolder")
          .endsWith("Fix: look for a test that hangs, or raise testlanes.leaseTimeout.");
    }
  }

  private static void assertTheClassFailsWith(EngineExecutionResults results, String message) {
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, finishedWithFailure(message(message)));
  }

  @TestLanes
  static class NeedsALaneTestCase {
    @Test
    void uses(Lane lane) {
      assertThat(lane.name()).startsWith("lane_");
    }
  }

  @TestLanes
  static class NeedsCassandraTestCase {
    @Test
    void query(CqlSession cassandra) {
      cassandra.execute("SELECT now() FROM system.local");
    }
  }

  abstract static class SlowHolder {
    @Test
    void holdsItsLane(Lane lane) throws InterruptedException {
      Thread.sleep(4000);
    }
  }

  @TestLanes
  static class SlowHolder1TestCase extends SlowHolder {}

  @TestLanes
  static class SlowHolder2TestCase extends SlowHolder {}
}

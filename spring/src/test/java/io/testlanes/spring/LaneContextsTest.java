package io.testlanes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.Lane;
import io.testlanes.junit.TestLanes;
import io.testlanes.spring.app.NotesApplication;
import io.testlanes.spring.app.NotesApplication.Notes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The usual Spring pattern: an abstract {@code @SpringBootTest} base class with several subclasses,
 * run in parallel. Each class's context talks to the class's lane (never another's), one
 * configuration gets at most one context per lane, and contexts are reused.
 */
class LaneContextsTest {

  /** What one test saw: its class, the lane it holds, the context and its database. */
  record Seen(String testClass, String lane, int context, String database) {}

  static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

  @SpringBootTest(classes = NotesApplication.class)
  @TestLanes
  abstract static class NotesBase {
    @Autowired Notes notes;
    @Autowired DataSource dataSource;
    @Autowired ApplicationContext context;

    @RepeatedTest(3)
    void seesOnlyItsOwnWrites(Lane lane) throws SQLException, InterruptedException {
      String database;
      try (Connection c = dataSource.getConnection()) {
        database = c.getCatalog();
      }
      SEEN.add(
          new Seen(getClass().getName(), lane.name(), System.identityHashCode(context), database));
      notes.add(getClass().getSimpleName(), "hello");
      Thread.sleep(50);
      assertThat(notes.count()).as("notes in %s", lane.name()).isEqualTo(1);
      assertThat(notes.redisKeys()).isEqualTo(1);
      assertThat(notes.auditRows()).isEqualTo(1);
    }
  }

  static class Notes1TestCase extends NotesBase {}

  static class Notes2TestCase extends NotesBase {}

  static class Notes3TestCase extends NotesBase {}

  static class Notes4TestCase extends NotesBase {}

  static class Notes5TestCase extends NotesBase {}

  static class Notes6TestCase extends NotesBase {
    @Nested
    class Later {
      @Test
      void nestedClassesShareTheLaneAndTheContext(Lane lane) {
        SEEN.add(
            new Seen(
                Notes6TestCase.class.getName(),
                lane.name(),
                System.identityHashCode(context),
                lane.database()));
        notes.add("nested", "again");
        assertThat(notes.count()).isEqualTo(1);
      }
    }
  }

  /** Another configuration: its own contexts, per lane. */
  static class MockedClockTestCase extends NotesBase {
    @MockitoBean NotesApplication.Clock clock;
  }

  @Test
  void eachContextTalksToItsClassesLaneAndContextsAreReusedPerLane() {
    SEEN.clear();
    EngineExecutionResults results =
        Kit.parallel()
            .run(
                Notes1TestCase.class,
                Notes2TestCase.class,
                Notes3TestCase.class,
                Notes4TestCase.class,
                Notes5TestCase.class,
                Notes6TestCase.class,
                MockedClockTestCase.class);
    assertThat(
            results.allEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(r -> r.getThrowable()))
                .map(t -> t.map(Throwable::toString).orElse("")))
        .isEmpty();
    results.testEvents().assertStatistics(s -> s.started(22).succeeded(22));

    // Never across lanes: every test's database is its class's lane, every context one lane's.
    for (Seen s : SEEN) {
      assertThat(s.database()).as("database of %s", s.testClass()).isEqualTo(s.lane());
    }
    Map<Integer, Set<String>> lanesOfContext =
        SEEN.stream()
            .collect(
                Collectors.groupingBy(
                    Seen::context, Collectors.mapping(Seen::lane, Collectors.toSet())));
    assertThat(lanesOfContext.values()).allSatisfy(lanes -> assertThat(lanes).hasSize(1));

    // One configuration, at most one context per lane; 7 classes on 4 lanes reuse some.
    long baseContexts =
        SEEN.stream()
            .filter(s -> !s.testClass().endsWith("MockedClockTestCase"))
            .map(Seen::context)
            .distinct()
            .count();
    assertThat(baseContexts).isBetween(1L, 4L);

    List<String> entries =
        results.allEvents().reportingEntryPublished().stream()
            .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
            .flatMap(m -> m.entrySet().stream())
            .filter(e -> e.getKey().equals("testlanes.context"))
            .map(Map.Entry::getValue)
            .toList();
    System.out.println("context report entries: " + entries);
    assertThat(entries).hasSize(8);
    assertThat(entries).anyMatch(v -> v.startsWith("reused NotesApplication"));
    // Each configuration's label says what sets it apart, whichever class came first.
    assertThat(entries).contains("created NotesApplication [@MockitoBean Clock]");
  }
}

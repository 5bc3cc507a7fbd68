package io.testlanes.junit;

import static org.assertj.core.api.Assertions.allOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.Lane;
import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.run.RunDirectory;
import io.testlanes.internal.run.RunLeftovers;
import io.testlanes.run.RunStatus;
import io.testlanes.run.TestRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import redis.clients.jedis.JedisPooled;

/**
 * A service, or the service host, killed with SIGKILL in the middle of a run of several test
 * classes (the Engine Test Kit, classes one after another): the classes that use what died fail
 * with a message that says so, word for word, the others pass, and afterwards nothing of the run is
 * left: no process, no data directory, no SysV segment, no socket. Part of the reliability suite.
 */
@Tag("reliability")
class ServiceDeathTest {
  private static final Duration NOTICED_WITHIN = Duration.ofSeconds(1);

  /** What the first fixture class does: kills the victim and waits until the run noticed. */
  private static volatile Runnable killer = () -> {};

  private final Map<String, String> props = new LinkedHashMap<>();
  private Settings settings = Settings.load(List.of());
  private RunLeftovers leftovers =
      new RunLeftovers(RunDirectory.at(Path.of("unset"), "u", "u"), Path.of("unset"));

  private void newRun(Set<Service> services) {
    props.put(Keys.RUN_ID, "service-death-" + UUID.randomUUID());
    props.put(Keys.SERVICES, services.stream().map(Service::id).collect(Collectors.joining(",")));
    settings =
        Settings.load(
            List.of(
                ConfigSource.of("test", props),
                ConfigSource.systemProperties(),
                ConfigSource.environment()));
    RunDirectory dir = RunDirectory.of(settings);
    leftovers = new RunLeftovers(dir, dir.dataRoot(settings));
  }

  @AfterEach
  void stopAndClean() throws Exception {
    killer = () -> {};
    if (!props.isEmpty()) {
      TestRun.down(settings, false, true, Duration.ofSeconds(60));
      leftovers.deleteRunDirectory();
    }
  }

  @Test
  void postgresKilled() throws Exception {
    serviceKilledMidRun(Service.POSTGRES, EnumSet.of(Service.POSTGRES, Service.REDIS));
  }

  @Test
  void redisKilled() throws Exception {
    serviceKilledMidRun(Service.REDIS, EnumSet.of(Service.POSTGRES, Service.REDIS));
  }

  @Test
  void cassandraKilled() throws Exception {
    serviceKilledMidRun(Service.CASSANDRA, EnumSet.allOf(Service.class));
  }

  private void serviceKilledMidRun(Service victim, Set<Service> services) throws Exception {
    newRun(services);
    List<Long> pids = new ArrayList<>();
    long[] killedPid = {0};
    Duration[] noticed = {Duration.ZERO};
    killer =
        () -> {
          pids.addAll(leftovers.pids());
          ProcessHandle process = leftovers.service(victim);
          killedPid[0] = process.pid();
          long t0 = System.nanoTime();
          process.destroyForcibly(); // SIGKILL
          noticed[0] = awaitDeathRecorded(victim, t0);
        };

    EngineExecutionResults results =
        Kit.parallel().with(order()).with(props).run(fixtures(services));

    System.out.printf(
        "%s killed with SIGKILL -> the host recorded its death in %d ms%n",
        victim.id(), noticed[0].toMillis());
    assertThat(noticed[0]).isLessThan(NOTICED_WITHIN);
    String expected =
        victim.id()
            + " died during this run: its process (pid "
            + killedPid[0]
            + ") was killed by signal 9 (SIGKILL). Tests that use "
            + victim.id()
            + " fail from now on; the others go on.\n--- last lines of the "
            + victim.id()
            + " log ---\n";
    for (Service s : services) {
      String fixture = fixtureOf(s).getSimpleName();
      if (s == victim) {
        results
            .testEvents()
            .assertThatEvents()
            .haveExactly(
                2,
                allOf(
                    test(fixture),
                    finishedWithFailure(
                        instanceOf(IllegalStateException.class),
                        message(m -> m.startsWith(expected) && m.length() > expected.length()))));
      } else {
        results
            .testEvents()
            .assertThatEvents()
            .haveExactly(2, allOf(test(fixture), finishedSuccessfully()));
      }
    }
    results.testEvents().assertStatistics(s -> s.started(1 + 2 * services.size()));

    TestRun.down(settings, false, true, Duration.ofSeconds(60));
    Duration gone = leftovers.awaitNothingLeft(Set.copyOf(pids), Duration.ofSeconds(20));
    System.out.printf(
        "%s killed: nothing of the run left %d ms after down%n", victim.id(), gone.toMillis());
  }

  @Test
  void hostKilled() throws Exception {
    newRun(EnumSet.of(Service.POSTGRES, Service.REDIS));
    List<Long> pids = new ArrayList<>();
    long[] hostPid = {0};
    Duration[] gone = {Duration.ZERO};
    killer =
        () -> {
          pids.addAll(leftovers.pids());
          RunStatus status = TestRun.status(settings, false).get(0);
          hostPid[0] = status.hostPid();
          ProcessHandle host = ProcessHandle.of(hostPid[0]).orElseThrow();
          host.destroyForcibly(); // SIGKILL
          host.onExit().join();
          try {
            gone[0] = leftovers.awaitNothingLeft(Set.copyOf(pids), Duration.ofSeconds(20));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };

    EngineExecutionResults results =
        Kit.parallel()
            .with(order())
            .with(props)
            .run(fixtures(EnumSet.of(Service.POSTGRES, Service.REDIS)));

    String expected =
        "the testlanes service host of this run (pid "
            + hostPid[0]
            + ") is gone, so are its services; tests that were using them fail. Its log "
            + leftovers.runDir().hostLog()
            + " ends with:\n";
    // The classes after the kill fail in their beforeAll, which waits for the services.
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            2,
            finishedWithFailure(
                instanceOf(IllegalStateException.class), message(m -> m.startsWith(expected))));
    // The kill test succeeds only if nothing of the run was left: on failure AssertJ lists the
    // events with the kill test's error, which names what was left.
    results.testEvents().assertThatEvents().haveExactly(1, finishedSuccessfully());
    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    System.out.printf(
        "host killed with SIGKILL: its services, data root, SysV segment and socket gone %d ms"
            + " after it died%n",
        gone[0].toMillis());
  }

  private Duration awaitDeathRecorded(Service victim, long t0) {
    long deadline = t0 + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      RunStatus.ServiceState state =
          TestRun.status(settings, false).get(0).services().get(victim.id());
      if (state != null && !state.died().isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - t0);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(victim.id() + "'s death was not recorded within 10 s");
  }

  /** Classes one after another, in their {@link Order}: the killer first. */
  private static Map<String, String> order() {
    return Map.of(
        "junit.jupiter.execution.parallel.mode.classes.default",
        "same_thread",
        "junit.jupiter.testclass.order.default",
        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
  }

  private static Class<?>[] fixtures(Set<Service> services) {
    List<Class<?>> classes = new ArrayList<>();
    classes.add(KillTestCase.class);
    services.forEach(s -> classes.add(fixtureOf(s)));
    return classes.toArray(Class<?>[]::new);
  }

  private static Class<?> fixtureOf(Service s) {
    return switch (s) {
      case POSTGRES -> PostgresTestCase.class;
      case REDIS -> RedisTestCase.class;
      case CASSANDRA -> CassandraTestCase.class;
    };
  }

  @TestLanes
  @Order(1)
  static class KillTestCase {
    @Test
    void kill(Lane lane) {
      assertThat(lane.name()).startsWith("lane_");
      killer.run();
    }
  }

  @TestLanes
  @Order(2)
  static class PostgresTestCase {
    @Test
    void writes(DataSource db) throws Exception {
      assertThat(roundTrip(db)).isEqualTo(1);
    }

    @Test
    void writesAgain(DataSource db) throws Exception {
      assertThat(roundTrip(db)).isEqualTo(1);
    }

    private static int roundTrip(DataSource db) throws Exception {
      try (Connection c = db.getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate("INSERT INTO notes VALUES (1, 'postgres')");
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM notes")) {
          rs.next();
          return rs.getInt(1);
        }
      }
    }
  }

  @TestLanes
  @Order(3)
  static class RedisTestCase {
    @Test
    void writes(JedisPooled redis) {
      assertThat(redis.incr("counter")).isEqualTo(1);
    }

    @Test
    void writesAgain(JedisPooled redis) {
      assertThat(redis.incr("counter")).isEqualTo(1);
    }
  }

  @TestLanes
  @Order(4)
  static class CassandraTestCase {
    @Test
    void writes(CqlSession cql) {
      assertThat(roundTrip(cql)).isEqualTo(1);
    }

    @Test
    void writesAgain(CqlSession cql) {
      assertThat(roundTrip(cql)).isEqualTo(1);
    }

    private static long roundTrip(CqlSession cql) {
      cql.execute("INSERT INTO notes (id, owner) VALUES (1, 'cassandra')");
      return Objects.requireNonNull(cql.execute("SELECT count(*) FROM notes").one()).getLong(0);
    }
  }
}

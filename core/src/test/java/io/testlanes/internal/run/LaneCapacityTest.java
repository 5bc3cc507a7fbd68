package io.testlanes.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.embedded.StockRedis;
import io.testlanes.run.LaneLease;
import io.testlanes.run.LeaseRequest;
import io.testlanes.run.TestRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lanes are sized by the workers of the JVMs attached to a run, and checked against the store's
 * capacity before any test: the external backend on a stock Redis (16 databases, so lanes 1..15).
 */
class LaneCapacityTest {
  private static final Duration ANSWER = Duration.ofSeconds(90);
  private static @Nullable StockRedis redis;

  private final List<ClientJvm> jvms = new ArrayList<>();
  private Map<String, String> props = new HashMap<>();

  @BeforeAll
  static void startRedis() throws Exception {
    redis = StockRedis.start("stock-" + UUID.randomUUID());
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  private static StockRedis redis() {
    return Objects.requireNonNull(redis, "started in @BeforeAll");
  }

  @BeforeEach
  void newRun() {
    props = new HashMap<>();
    props.put(Keys.RUN_ID, "lane-capacity-test-" + UUID.randomUUID());
    props.put(Keys.BACKEND, "external");
    props.put(Keys.SERVICES, "redis");
    props.put(Keys.REDIS_URL, redis().url());
    String cache = System.getProperty(Keys.CACHE_DIR);
    if (cache != null) {
      props.put(Keys.CACHE_DIR, cache);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (ClientJvm j : jvms) {
      j.close();
    }
    TestRun.down(settings(props), false, Duration.ofSeconds(60));
  }

  private static Settings settings(Map<String, String> p) {
    return Settings.load(List.of(ConfigSource.of("test", p)));
  }

  private ClientJvm jvm(int workers) throws Exception {
    Map<String, String> p = new HashMap<>(props);
    p.put(Keys.WORKERS, Integer.toString(workers));
    ClientJvm j = ClientJvm.start(p);
    jvms.add(j);
    return j;
  }

  @Test
  void fourWorkersInOneJvmGetLanesOneToFourOnAStockRedis() throws Exception {
    props.put(Keys.WORKERS, "4");
    TestRun run = TestRun.join(settings(props), getClass().getClassLoader());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<LaneLease> leases = new ArrayList<>();
    try {
      List<Future<LaneLease>> taken = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String holder = "worker " + i;
        taken.add(pool.submit(() -> run.lease(LeaseRequest.of(holder))));
      }
      for (Future<LaneLease> f : taken) {
        leases.add(f.get());
      }
      assertThat(leases.stream().map(l -> l.lane().redisDatabase()))
          .containsExactlyInAnyOrder(1, 2, 3, 4);
      for (LaneLease l : leases) {
        run.clients().redis(l.lane()).set("who", l.holder());
      }
      for (LaneLease l : leases) {
        assertThat(run.clients().redis(l.lane()).get("who")).isEqualTo(l.holder());
      }
    } finally {
      pool.shutdownNow();
      leases.forEach(LaneLease::close);
      run.close();
    }
  }

  @Test
  void sixteenWorkersInOneJvmFailBeforeAnyLaneWithTheNumbersAndTheFix() {
    props.put(Keys.WORKERS, "16");
    TestRun run = TestRun.join(settings(props), getClass().getClassLoader());
    try {
      assertThatThrownBy(run::awaitServices)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "this run needs up to 16 lanes (testlanes.workers=16 in this JVM), but redis at "
                  + redis().url().substring(redis().url().indexOf('@') + 1)
                  + " has 16 databases (0..15); lane k uses database k, so it serves at most 15"
                  + " lanes. Fix: start Redis with --databases 17 (or 'databases 17' in"
                  + " redis.conf), or run at most 15 workers in all (testlanes.workers times the"
                  + " JVMs of the run).");
      assertThatThrownBy(() -> run.lease(LeaseRequest.of("late")))
          .as("the failure is remembered")
          .hasMessageStartingWith("this run needs up to 16 lanes");
    } finally {
      try {
        run.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void twoForksOfTwoWorkersShareLanesOneToFourAndAThirdJvmThatWouldOverflowFails()
      throws Exception {
    ClientJvm a = jvm(2);
    ClientJvm b = jvm(2);
    assertThat(a.send("join", ANSWER)).isEqualTo("joined [REDIS]");
    assertThat(b.send("join", ANSWER)).isEqualTo("joined [REDIS]");
    List<String> lanes = new ArrayList<>();
    for (ClientJvm j : List.of(a, b, a, b)) {
      lanes.add(j.send("take", ANSWER));
    }
    assertThat(lanes).containsExactlyInAnyOrder("lane 1", "lane 2", "lane 3", "lane 4");

    ClientJvm c = jvm(12);
    assertThat(c.send("join", ANSWER))
        .startsWith(
            "error IllegalStateException: this run needs up to 16 lanes (testlanes.workers=12 in"
                + " this JVM, 4 more in the other JVMs attached to the run), but redis at ");
  }
}

package io.testlanes.internal.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every store's isolation keeps, the same for Postgres, Cassandra and Redis: lanes
 * that write the same keys at the same time each see exactly their own data; reset empties what a
 * test wrote, tables it created included; the shared lane mixes everybody's data (which is why the
 * first assertion would fail there).
 *
 * <p>Each subclass starts its service once with the embedded backend and says how a test writes and
 * reads "rows" in its store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LaneIsolationContract {
  static final int LANES = 4;

  TestServices services;
  StoreIsolation isolation;

  abstract Service service();

  abstract StoreIsolation newIsolation(ServiceEndpoint endpoint);

  /** Writes rows with keys {@code 1..rows}, each holding {@code value}, into {@code lane}. */
  abstract void write(int lane, int rows, String value) throws Exception;

  /** The values of every row the schema's table holds in {@code lane}. */
  abstract List<String> read(int lane) throws Exception;

  /** As a test might: creates a table (or other structure) of its own and writes to it. */
  abstract void createOwnTableAndWrite(int lane) throws Exception;

  /** Rows in the structure {@link #createOwnTableAndWrite} made (0 if it is there but empty). */
  abstract long countOwnTable(int lane) throws Exception;

  /** Closes the test's own clients. */
  abstract void closeClients() throws Exception;

  @BeforeAll
  void startService() throws Exception {
    services = TestServices.start(LANES, service());
    isolation = newIsolation(services.endpoint(service()));
    isolation.initialise();
    concurrently(LANES, lane -> isolation.prepare(lane));
    isolation.prepare(LaneNames.SHARED);
  }

  @AfterAll
  void stopService() throws Exception {
    try {
      closeClients();
      if (isolation != null) {
        isolation.close();
      }
    } finally {
      if (services != null) {
        services.close();
      }
    }
  }

  @Test
  void eachLaneSeesExactlyItsOwnRowsWhenAllWriteTheSameKeysAtOnce() throws Exception {
    concurrently(LANES, lane -> isolation.reset(lane));
    // lane k writes 10 * k rows with keys 1..10k: keys overlap between lanes
    concurrently(LANES, lane -> write(lane, 10 * lane, LaneNames.of(lane)));

    for (int lane = 1; lane <= LANES; lane++) {
      List<String> values = read(lane);
      assertThat(values).as("rows of %s", LaneNames.of(lane)).hasSize(10 * lane);
      assertThat(values).as("values of %s", LaneNames.of(lane)).containsOnly(LaneNames.of(lane));
    }
  }

  @Test
  void resetEmptiesWhatATestWroteIncludingATableItCreated() throws Exception {
    isolation.reset(2);
    isolation.reset(3);
    write(2, 5, "before reset");
    createOwnTableAndWrite(2);
    write(3, 7, LaneNames.of(3));
    assertThat(read(2)).hasSize(5);
    assertThat(countOwnTable(2)).isPositive();

    StoreTiming t = isolation.reset(2);

    assertThat(t.service()).isEqualTo(service());
    assertThat(read(2)).isEmpty();
    assertThat(countOwnTable(2)).isZero();
    assertThat(read(3)).as("another lane is untouched by lane_2's reset").hasSize(7);
  }

  @Test
  void prepareOfALaneFromAnEarlierRunWithTheSameSchemaEmptiesAndReusesIt() throws Exception {
    write(4, 3, "left by an earlier run");

    StoreTiming t = isolation.prepare(4);

    assertThat(read(4)).isEmpty();
    assertThat(t.detail()).containsAnyOf("reused", "flushed");
  }

  /**
   * The naive setup: every worker on the shared lane. The same writes as in the first test leave
   * each worker seeing everybody's rows, so that test's assertion would fail here.
   */
  @Test
  void inTheSharedLaneWorkersSeeEachOthersRows() throws Exception {
    isolation.reset(LaneNames.SHARED);
    concurrently(LANES, worker -> write(LaneNames.SHARED, 10 * worker, "worker " + worker));

    // Keys 1..40 overlap and the last writer of each key wins: worker 1 wrote 10 rows but sees
    // 40, most of them written by others.
    List<String> seenByWorker1 = read(LaneNames.SHARED);
    assertThat(seenByWorker1).hasSize(10 * LANES);
    assertThat(seenByWorker1).anyMatch(v -> !v.equals("worker 1"));
  }

  @FunctionalInterface
  interface LaneTask {
    void run(int lane) throws Exception;
  }

  /** Runs {@code task} for lanes 1..n on n threads that start together; rethrows a failure. */
  static void concurrently(int n, LaneTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CyclicBarrier start = new CyclicBarrier(n);
      List<Future<Object>> futures = new ArrayList<>();
      IntStream.rangeClosed(1, n)
          .forEach(
              lane ->
                  futures.add(
                      pool.submit(
                          (Callable<Object>)
                              () -> {
                                start.await(30, TimeUnit.SECONDS);
                                task.run(lane);
                                return lane;
                              })));
      for (Future<Object> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

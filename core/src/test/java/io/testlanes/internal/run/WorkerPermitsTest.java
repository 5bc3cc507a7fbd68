package io.testlanes.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WorkerPermitsTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void theNextFreePermitGoesToTheHighestPriorityThenToWhoCameFirst() throws Exception {
    WorkerPermits permits = new WorkerPermits(1);
    assertThat(permits.tryAcquire(0, LONG)).isTrue();
    List<String> order = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    String[] names = {"short", "long", "middle", "middle again"};
    long[] priorities = {100, 30_000, 2_000, 2_000};
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      long priority = priorities[i];
      Thread t =
          new Thread(
              () -> {
                try {
                  if (permits.tryAcquire(priority, LONG)) {
                    order.add(name);
                    permits.release();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      threads.add(t);
      awaitWaiting(permits, i + 1); // each comes after the one before
    }
    permits.release();
    for (Thread t : threads) {
      t.join(LONG.toMillis());
    }
    assertThat(order).containsExactly("long", "middle", "middle again", "short");
  }

  @Test
  void aFreePermitIsTakenAtOnceAndNoMoreThanTheCount() throws Exception {
    WorkerPermits permits = new WorkerPermits(2);
    assertThat(permits.tryAcquire(5, Duration.ZERO)).isTrue();
    assertThat(permits.tryAcquire(0, Duration.ZERO)).isTrue();
    assertThat(permits.tryAcquire(9, Duration.ofMillis(50))).isFalse();
    assertThat(permits.waiting()).isZero();
    permits.release();
    assertThat(permits.tryAcquire(0, Duration.ZERO)).isTrue();
  }

  @Test
  void anInterruptedWaiterLeavesTheLineAndTakesNothing() throws Exception {
    WorkerPermits permits = new WorkerPermits(1);
    assertThat(permits.tryAcquire(0, LONG)).isTrue();
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    Thread t =
        new Thread(
            () -> {
              try {
                permits.tryAcquire(1, LONG);
              } catch (InterruptedException e) {
                thrown.add(e);
              }
            });
    t.start();
    awaitWaiting(permits, 1);
    t.interrupt();
    t.join(LONG.toMillis());
    assertThat(thrown).hasSize(1);
    assertThat(permits.waiting()).isZero();
    permits.release();
    assertThat(permits.tryAcquire(0, Duration.ZERO)).isTrue();
  }

  @Test
  void aPermitNobodyHeldCannotBeGivenBackAndThereIsAtLeastOne() {
    assertThatThrownBy(() -> new WorkerPermits(2).release())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("all 2 are free");
    assertThatThrownBy(() -> new WorkerPermits(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  private static void awaitWaiting(WorkerPermits permits, int n) throws InterruptedException {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (permits.waiting() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " waiting, found " + permits.waiting());
      }
      Thread.sleep(5);
    }
  }
}

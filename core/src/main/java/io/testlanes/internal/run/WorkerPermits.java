package io.testlanes.internal.run;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * This JVM's worker permits: at most {@code count} holders at once. When several callers wait, the
 * next free permit goes to the one with the highest priority, callers of equal priority in the
 * order they came (with one priority for all, a fair semaphore). So a test class that is expected
 * to take longest gets the next lane even when the test engine started many classes at once and
 * they all wait for one (the longest-processing-time-first rule, applied where work actually
 * starts).
 */
public final class WorkerPermits {
  private static final Comparator<Waiter> NEXT =
      Comparator.comparingLong(Waiter::priority).reversed().thenComparingLong(Waiter::arrival);

  private final int count;
  private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(NEXT);
  private int free;
  private long arrivals;

  private record Waiter(long priority, long arrival) {}

  /**
   * @throws IllegalArgumentException if {@code count} is below 1
   */
  public WorkerPermits(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one worker permit is needed, got " + count);
    }
    this.count = count;
    this.free = count;
  }

  /**
   * Takes a permit, waiting up to {@code timeout} while none is free or callers of a higher
   * priority (or of the same, who came first) wait for one.
   *
   * @return whether a permit was taken; {@code false} when the time ran out
   * @throws InterruptedException if interrupted while waiting (no permit is taken then)
   */
  public synchronized boolean tryAcquire(long priority, Duration timeout)
      throws InterruptedException {
    Waiter me = new Waiter(priority, arrivals++);
    waiting.add(me);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (free == 0 || !me.equals(waiting.peek())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      free--;
      return true;
    } finally {
      waiting.remove(me);
      notifyAll(); // the next in line may go now
    }
  }

  /**
   * Gives a permit back.
   *
   * @throws IllegalStateException if every permit is already free
   */
  public synchronized void release() {
    if (free == count) {
      throw new IllegalStateException(
          "released a worker permit that nobody held (all " + count + " are free)");
    }
    free++;
    notifyAll();
  }

  /** How many callers wait for a permit now. */
  public synchronized int waiting() {
    return waiting.size();
  }
}

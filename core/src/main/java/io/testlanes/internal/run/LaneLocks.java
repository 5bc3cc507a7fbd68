package io.testlanes.internal.run;

import io.testlanes.internal.lane.LaneNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Lane locks across every JVM of a run: lane {@code n} is held by whoever holds an exclusive OS
 * lock on {@code lanes/lane-n.lock}. A holder that dies, however it dies, loses the lock, so its
 * lane returns to the pool without anyone noticing the crash.
 *
 * <p>A lock takes the lowest free lane number (or a preferred one, if free). Since each JVM holds
 * at most {@code testlanes.workers} lanes at once, the lowest free number never exceeds the sum of
 * the workers of the JVMs attached at that moment: the number of lanes grows to the run's real
 * concurrency and no further.
 */
public final class LaneLocks {
  /**
   * Most lanes one run can use (a sanity bound: a run needs one lane per worker of each attached
   * JVM). Where testlanes starts Redis it gives it one database more than this.
   */
  public static final int MAX_LANES = LaneNames.MAX;

  private static final long RETRY_MILLIS = 25;

  /**
   * Lane lock files this JVM holds, with their holders. On Linux, closing any channel on a file
   * releases every lock this process holds on it, so a lane held here must never be opened again
   * here, not even to probe it: this map is checked first.
   */
  private static final Map<Path, String> HELD = new java.util.concurrent.ConcurrentHashMap<>();

  private final RunDirectory runDir;

  public LaneLocks(RunDirectory runDir) {
    this.runDir = runDir;
  }

  /**
   * Locks the lowest free lane, waiting up to {@code timeout} for one.
   *
   * @param holder who holds it, for status and for errors when no lane is free (e.g. the test)
   * @throws TimeoutException if no lane became free in time; the message lists the holders
   */
  public LaneLock lock(String holder, Duration timeout)
      throws TimeoutException, InterruptedException {
    return lock(holder, timeout, List.of());
  }

  /**
   * Locks the first free lane of {@code preferred}, else the lowest free lane, waiting up to {@code
   * timeout} for one.
   */
  public LaneLock lock(String holder, Duration timeout, Collection<Integer> preferred)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int n : preferred) {
        LaneLock lock = n >= 1 && n <= MAX_LANES ? tryLock(n, holder) : null;
        if (lock != null) {
          return lock;
        }
      }
      for (int n = 1; n <= MAX_LANES; n++) {
        LaneLock lock = tryLock(n, holder);
        if (lock != null) {
          return lock;
        }
      }
      if (System.nanoTime() >= deadline) {
        throw new TimeoutException(
            "no lane became free within "
                + Durations.format(timeout)
                + "; lanes held: "
                + leased(runDir)
                + ". Fix: look for a test that hangs, or raise testlanes.leaseTimeout.");
      }
      Thread.sleep(RETRY_MILLIS);
    }
  }

  /** Locks lane {@code n} if it is free, else returns null. */
  public @Nullable LaneLock tryLock(int n, String holder) {
    Path lockFile = runDir.laneLock(n);
    if (HELD.putIfAbsent(lockFile, holder) != null) {
      return null;
    }
    FileChannel ch = null;
    boolean leased = false;
    try {
      ch =
          FileChannel.open(runDir.laneLock(n), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // another thread of this JVM holds it
      }
      if (lock == null) {
        ch.close();
        return null;
      }
      Files.writeString(
          runDir.laneHolder(n),
          ProcessHandle.current().pid() + " " + holder.replace('\n', ' '),
          StandardCharsets.UTF_8);
      leased = true;
      return new LaneLock(n, ch, lockFile, runDir.laneHolder(n), runDir.laneSession(n));
    } catch (IOException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException("cannot lock lane " + n + " in " + runDir, e);
    } finally {
      if (!leased) {
        HELD.remove(lockFile);
      }
    }
  }

  /**
   * The lanes held right now, with their holders. Probes each lane's lock with a shared lock, which
   * fails exactly while someone holds the lane.
   */
  public static Map<Integer, String> leased(RunDirectory runDir) {
    Map<Integer, String> m = new TreeMap<>();
    for (int n = 1; n <= MAX_LANES; n++) {
      Path lock = runDir.laneLock(n);
      String here = HELD.get(lock);
      if (here != null) {
        m.put(n, ProcessHandle.current().pid() + " " + here);
        continue;
      }
      if (!Files.exists(lock)) {
        continue;
      }
      try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.READ)) {
        FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
        if (probe != null) {
          probe.release();
          continue;
        }
        String holder = "unknown";
        try {
          holder = Files.readString(runDir.laneHolder(n), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          // holder file not written yet
        }
        m.put(n, holder);
      } catch (OverlappingFileLockException e) {
        m.put(n, "this JVM");
      } catch (IOException e) {
        m.put(n, "unreadable: " + e.getMessage());
      }
    }
    return m;
  }

  /** A held lane. Closing releases it. */
  public static final class LaneLock implements AutoCloseable {
    private final int number;
    private final FileChannel channel;
    private final Path lockFile;
    private final Path holderFile;
    private final Path sessionFile;
    private boolean released;

    LaneLock(int number, FileChannel channel, Path lockFile, Path holderFile, Path sessionFile) {
      this.number = number;
      this.channel = channel;
      this.lockFile = lockFile;
      this.holderFile = holderFile;
      this.sessionFile = sessionFile;
    }

    public int number() {
      return number;
    }

    /**
     * Whether a holder of this lane in {@code session} brought it to the template's state: then its
     * data is this session's, left by earlier holders of the session. False for an empty session.
     */
    public synchronized boolean preparedIn(String session) {
      if (session.isEmpty() || !Files.exists(sessionFile)) {
        return false;
      }
      try {
        return Files.readString(sessionFile, StandardCharsets.UTF_8).strip().equals(session);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + sessionFile + " of lane " + number, e);
      }
    }

    /** Records that this holder brought the lane to the template's state in {@code session}. */
    public synchronized void prepared(String session) {
      if (released) {
        throw new IllegalStateException("lane " + number + " was released");
      }
      try {
        Files.writeString(sessionFile, session, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + sessionFile + " of lane " + number, e);
      }
    }

    @Override
    public synchronized void close() {
      if (released) {
        return;
      }
      released = true;
      try {
        Files.deleteIfExists(holderFile);
      } catch (IOException e) {
        // stale holder text is harmless: the lock is what counts
      }
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release lane " + number, e);
      } finally {
        HELD.remove(lockFile);
      }
    }
  }
}

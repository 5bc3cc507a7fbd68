package io.testlanes.internal.run;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * Lane leases across every JVM of a run: lane {@code n} is held by whoever holds an exclusive OS
 * lock on {@code lanes/lane-n.lock}. A holder that dies, however it dies, loses the lock, so its
 * lane returns to the pool without anyone noticing the crash.
 *
 * <p>A lease takes the lowest free lane number, so the number of lanes grows to the run's real
 * concurrency (workers per JVM &times; concurrent JVMs) and no further, up to {@link #MAX_LANES}.
 */
public final class LaneLeases {
  /** Most lanes one run can use; Redis is started with one more database than this. */
  public static final int MAX_LANES = 64;

  private static final long RETRY_MILLIS = 25;

  /**
   * Lane lock files this JVM holds, with their holders. On Linux, closing any channel on a file
   * releases every lock this process holds on it, so a lane held here must never be opened again
   * here, not even to probe it: this map is checked first.
   */
  private static final Map<Path, String> HELD = new java.util.concurrent.ConcurrentHashMap<>();

  private final RunDirectory runDir;

  public LaneLeases(RunDirectory runDir) {
    this.runDir = runDir;
  }

  /**
   * Leases the lowest free lane, waiting up to {@code timeout} for one.
   *
   * @param holder who holds it, for status and for errors when no lane is free (e.g. the test)
   * @throws TimeoutException if no lane became free in time; the message lists the holders
   */
  public LaneLease lease(String holder, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int n = 1; n <= MAX_LANES; n++) {
        LaneLease lease = tryLease(n, holder);
        if (lease != null) {
          return lease;
        }
      }
      if (System.nanoTime() >= deadline) {
        throw new TimeoutException(
            "no lane became free within "
                + Durations.format(timeout)
                + "; all "
                + MAX_LANES
                + " lanes are held: "
                + leased(runDir)
                + ". Fix: look for a test that hangs, or raise testlanes.leaseTimeout.");
      }
      Thread.sleep(RETRY_MILLIS);
    }
  }

  /** Leases lane {@code n} if it is free, else returns null. */
  public @org.jspecify.annotations.Nullable LaneLease tryLease(int n, String holder) {
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
      return new LaneLease(n, ch, lockFile, runDir.laneHolder(n));
    } catch (IOException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException("cannot lease lane " + n + " in " + runDir, e);
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
  public static final class LaneLease implements AutoCloseable {
    private final int number;
    private final FileChannel channel;
    private final Path lockFile;
    private final Path holderFile;
    private boolean released;

    LaneLease(int number, FileChannel channel, Path lockFile, Path holderFile) {
      this.number = number;
      this.channel = channel;
      this.lockFile = lockFile;
      this.holderFile = holderFile;
    }

    public int number() {
      return number;
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

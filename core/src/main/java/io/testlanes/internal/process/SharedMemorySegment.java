package io.testlanes.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A System V shared memory segment, by id. A server killed with SIGKILL cannot remove its segment:
 * it stays until someone runs {@code ipcrm -m} (or the machine reboots). Postgres keeps a 56-byte
 * one for as long as it runs, even with {@code shared_memory_type=mmap}: it is the interlock that
 * keeps a second postmaster off the same data directory.
 *
 * @param id the segment's id, as {@code ipcs -m} shows it
 */
public record SharedMemorySegment(int id) {
  private static final Path TABLE = Path.of("/proc/sysvipc/shm");

  public SharedMemorySegment {
    if (id < 0) {
      throw new IllegalArgumentException("expected a shared memory id >= 0, got " + id);
    }
  }

  /** Whether the segment still exists (in {@code /proc/sysvipc/shm}). */
  public boolean exists() throws IOException {
    return ids(Files.readAllLines(TABLE, StandardCharsets.US_ASCII)).contains(id);
  }

  /** The ids in the lines of {@code /proc/sysvipc/shm} (header first, id in the second column). */
  static List<Integer> ids(List<String> table) {
    return table.stream()
        .skip(1)
        .map(String::trim)
        .filter(line -> !line.isEmpty())
        .map(line -> Integer.parseInt(line.split("\\s+")[1]))
        .toList();
  }

  /**
   * Removes the segment ({@code ipcrm -m}); it goes when the last process detaches. A segment that
   * is already gone is fine.
   *
   * @throws IOException if it exists and {@code ipcrm} failed
   */
  public void remove() throws IOException {
    if (!exists()) {
      return;
    }
    Process p =
        new ProcessBuilder("ipcrm", "-m", Integer.toString(id)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("ipcrm -m " + id + " did not finish within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while removing shared memory segment " + id, e);
    }
    if (p.exitValue() != 0 && exists()) {
      throw new IOException("ipcrm -m " + id + " failed: " + out);
    }
  }
}

package io.testlanes.config;

/**
 * One shard of a run split across CI nodes: shard {@code index} of {@code count}, 1-based. See
 * {@link Keys#SHARD}.
 */
public final class Shard {
  private final int index;
  private final int count;

  private Shard(int index, int count) {
    this.index = index;
    this.count = count;
  }

  /**
   * Shard {@code index} of {@code count}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= index <= count}
   */
  public static Shard of(int index, int count) {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          "shard must be i/n with 1 <= i <= n, got " + index + "/" + count);
    }
    return new Shard(index, count);
  }

  /** 1-based index of this shard. */
  public int index() {
    return index;
  }

  /** Number of shards. */
  public int count() {
    return count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shard other && other.index == index && other.count == count;
  }

  @Override
  public int hashCode() {
    return 31 * index + count;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}

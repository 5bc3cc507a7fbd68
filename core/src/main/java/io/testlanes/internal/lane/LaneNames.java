package io.testlanes.internal.lane;

/** Names of lanes, and so of their databases and keyspaces. */
public final class LaneNames {
  /** Lane number of the one lane every worker uses in shared isolation. */
  public static final int SHARED = 0;

  /**
   * Most lanes one run can use: a sanity bound (a run needs one lane per worker of each JVM
   * attached to it). Where testlanes starts Redis it gives it one database more than this.
   */
  public static final int MAX = 1024;

  /** Database and keyspace name of the shared lane: {@value}. */
  public static final String SHARED_NAME = "testlanes_shared";

  private LaneNames() {}

  /**
   * {@code lane_3} for lane 3, {@link #SHARED_NAME} for lane {@link #SHARED}.
   *
   * @throws IllegalArgumentException if {@code number} is negative
   */
  public static String of(int number) {
    check(number);
    return number == SHARED ? SHARED_NAME : "lane_" + number;
  }

  static int check(int number) {
    if (number < 0) {
      throw new IllegalArgumentException(
          "a lane number is 1 or more (0 for the shared lane), got " + number);
    }
    return number;
  }
}

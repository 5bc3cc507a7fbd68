package io.testlanes.run;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a caller asks of {@link TestRun#lease}: who holds the lane, whether the lane is reset to the
 * template's state when leased, and which lanes it would rather have.
 *
 * @param holder who holds the lane, as shown in status and in errors when no lane is free (a test
 *     class or method)
 * @param resetAtLease whether a lane that earlier holders used is reset when leased ({@code false}
 *     for {@code testlanes.reset=none}: the lane keeps what they left)
 * @param preferred lanes to take if one of them is free, in order (lane affinity: a Spring context
 *     already built for that lane); otherwise the lowest free lane
 */
public record LeaseRequest(String holder, boolean resetAtLease, Set<Integer> preferred) {

  public LeaseRequest {
    Objects.requireNonNull(holder, "holder");
    if (holder.isBlank()) {
      throw new IllegalArgumentException(
          "a lease needs a holder description, got '" + holder + "'");
    }
    for (int n : preferred) {
      if (n < 1) {
        throw new IllegalArgumentException(
            "lane numbers are 1 or more, got " + n + " in " + preferred);
      }
    }
    preferred = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(preferred));
  }

  /** A request by {@code holder}: reset at lease, no preferred lane. */
  public static LeaseRequest of(String holder) {
    return new LeaseRequest(holder, true, Set.of());
  }

  /** This request with {@link #resetAtLease()} set to {@code reset}. */
  public LeaseRequest withResetAtLease(boolean reset) {
    return new LeaseRequest(holder, reset, preferred);
  }

  /** This request preferring {@code lanes}, in their iteration order. */
  public LeaseRequest preferring(Set<Integer> lanes) {
    return new LeaseRequest(holder, resetAtLease, lanes);
  }
}

package io.testlanes.internal.backend;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real round trip that proves a service is ready: {@code SELECT 1}, {@code PING}, {@code SELECT
 * release_version FROM system.local}. Each needs its client driver on the classpath; the driver
 * code sits in one class per store so that a missing driver only matters for its store.
 */
public final class RoundTrips {
  private RoundTrips() {}

  /**
   * Retries the service's round trip until it succeeds or {@code timeout} passes, and returns the
   * endpoint with what the round trip learned (Redis: its number of databases).
   *
   * @throws IllegalStateException with the last failure as cause if the timeout passes
   */
  public static ServiceEndpoint await(ServiceEndpoint endpoint, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last;
    do {
      try {
        return once(endpoint);
      } catch (Exception e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + endpoint.address(), e);
      }
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException(causes(last), last);
  }

  /** The messages of {@code t} and its causes, joined: "Failed to connect: Connection refused". */
  static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
    todo.add(t);
    while (!todo.isEmpty()) {
      Throwable c = todo.poll();
      if (!seen.add(c)) {
        continue;
      }
      String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().strip();
      while (m.endsWith(".")) {
        m = m.substring(0, m.length() - 1);
      }
      if (sb.indexOf(m) < 0) {
        if (sb.length() > 0) {
          sb.append(": ");
        }
        sb.append(m);
      }
      if (c.getCause() != null) {
        todo.add(c.getCause());
      }
      todo.addAll(java.util.Arrays.asList(c.getSuppressed()));
    }
    return sb.toString();
  }

  /** One round trip; throws what the driver threw. */
  public static ServiceEndpoint once(ServiceEndpoint endpoint) throws Exception {
    switch (endpoint.service()) {
      case POSTGRES:
        PostgresRoundTrip.selectOne(endpoint);
        return endpoint;
      case REDIS:
        int databases = RedisRoundTrip.ping(endpoint);
        Map<String, String> attrs = new HashMap<>(endpoint.attributes());
        attrs.put(ServiceEndpoint.DATABASES, Integer.toString(databases));
        return new ServiceEndpoint(
            endpoint.service(),
            endpoint.host(),
            endpoint.port(),
            endpoint.user(),
            endpoint.password(),
            attrs);
      default:
        CassandraRoundTrip.releaseVersion(endpoint);
        return endpoint;
    }
  }
}

package io.testlanes.internal.backend;

import io.testlanes.config.Service;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real round trip that proves a service is ready: {@code SELECT 1}, {@code PING}, {@code SELECT
 * release_version FROM system.local}. Each needs its client driver on the classpath; the driver
 * code sits in one class per store so that a missing driver only matters for its store.
 *
 * <p>A failed round trip is one of three {@link RoundTripException.Kind kinds}, and only a server
 * that answers "not ready yet" is waited for until the start timeout: a refused connection gets
 * {@link #UNREACHABLE_GRACE} (a server that is just opening its port), rejected credentials fail at
 * once.
 */
public final class RoundTrips {
  /** How long a server that refuses connections (or fails otherwise) is tried again: {@value}. */
  public static final Duration UNREACHABLE_GRACE = Duration.ofSeconds(3);

  private static final Duration PAUSE = Duration.ofMillis(100);

  private RoundTrips() {}

  /**
   * Tries the service's round trip until it succeeds, and returns the endpoint with what the round
   * trip learned (Redis: its number of databases). A "not ready yet" answer is tried again until
   * {@code timeout}, any other failure for at most {@link #UNREACHABLE_GRACE}; rejected credentials
   * are not tried again.
   *
   * @throws RoundTripException with the last failure as cause, saying which kind it was
   */
  public static ServiceEndpoint await(ServiceEndpoint endpoint, Duration timeout) {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    long graceDeadline = t0 + Math.min(timeout.toNanos(), UNREACHABLE_GRACE.toNanos());
    while (true) {
      Exception failure;
      try {
        return once(endpoint);
      } catch (Exception e) {
        failure = e;
      }
      RoundTripException.Kind kind = kind(endpoint, failure);
      long now = System.nanoTime();
      boolean giveUp =
          switch (kind) {
            case NOT_READY -> now >= deadline;
            case REJECTED -> true;
            case UNREACHABLE -> now >= graceDeadline;
          };
      if (giveUp) {
        String message =
            endpoint.service() == Service.CASSANDRA
                ? CassandraRoundTrip.describe(failure)
                : causes(failure);
        throw new RoundTripException(kind, message, Duration.ofNanos(now - t0), failure);
      }
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + endpoint.address(), e);
      }
    }
  }

  /** What kind of failure {@code failure} of {@code endpoint}'s round trip is. */
  static RoundTripException.Kind kind(ServiceEndpoint endpoint, Exception failure) {
    switch (endpoint.service()) {
      case POSTGRES:
        return PostgresRoundTrip.kind(failure);
      case REDIS:
        return RedisRoundTrip.kind(failure);
      default:
        return CassandraRoundTrip.kind(failure);
    }
  }

  /** {@code t}, its causes and suppressed exceptions, each once, {@code t} first. */
  static List<Throwable> chain(Throwable t) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> all = new ArrayList<>();
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    todo.add(t);
    while (!todo.isEmpty()) {
      Throwable c = todo.poll();
      if (seen.add(c)) {
        all.add(c);
        if (c.getCause() != null) {
          todo.add(c.getCause());
        }
        todo.addAll(Arrays.asList(c.getSuppressed()));
      }
    }
    return all;
  }

  /** The messages of {@code t} and its causes, joined: "Failed to connect: Connection refused". */
  static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c : chain(t)) {
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
    }
    return sb.toString();
  }

  /**
   * Replaces the password that a freshly started server was given where others may read it (a
   * container's environment, Cassandra's well-known default) with {@code password}, over the
   * connection, and checks that nobody else is logged in; returns the endpoint with the new
   * password. Postgres and Cassandra; Redis takes its password from a configuration file instead.
   *
   * @throws IllegalStateException if the server has another client or login role
   */
  public static ServiceEndpoint replacePassword(ServiceEndpoint endpoint, String password)
      throws Exception {
    switch (endpoint.service()) {
      case POSTGRES:
        PostgresRoundTrip.replacePassword(endpoint, password);
        break;
      case CASSANDRA:
        CassandraRoundTrip.replacePassword(endpoint, password);
        break;
      default:
        throw new IllegalArgumentException(
            "expected a Postgres or Cassandra endpoint, got " + endpoint.service().id());
    }
    return new ServiceEndpoint(
        endpoint.service(),
        endpoint.host(),
        endpoint.port(),
        endpoint.user(),
        password,
        endpoint.attributes());
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

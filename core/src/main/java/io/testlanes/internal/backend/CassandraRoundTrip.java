package io.testlanes.internal.backend;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Cassandra's readiness round trip; needs the Java driver 4. */
final class CassandraRoundTrip {
  private CassandraRoundTrip() {}

  /**
   * What a failure says: a node that is still starting (unavailable, bootstrapping, overloaded, or
   * "Unable to perform authentication" while its auth tables are not readable yet) is not ready
   * yet; any other authentication error is rejected credentials; anything else, such as a refused
   * connection, is unreachable.
   */
  static RoundTripException.Kind kind(Exception failure) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable t : RoundTrips.chain(failure)) {
      all.add(t);
      if (t instanceof AllNodesFailedException e) {
        e.getAllErrors()
            .values()
            .forEach(errors -> errors.forEach(x -> all.addAll(RoundTrips.chain(x))));
      }
    }
    for (Throwable t : all) {
      if (t instanceof UnavailableException
          || t instanceof BootstrappingException
          || t instanceof OverloadedException
          || (t instanceof AuthenticationException
              && String.valueOf(t.getMessage()).contains("Unable to perform authentication"))) {
        return RoundTripException.Kind.NOT_READY;
      }
    }
    for (Throwable t : all) {
      if (t instanceof AuthenticationException) {
        return RoundTripException.Kind.REJECTED;
      }
    }
    return RoundTripException.Kind.UNREACHABLE;
  }

  /**
   * The messages of a failure; for "no node could be reached", those of each node's error rather
   * than the driver's summary (which names node objects by hash code).
   */
  static String describe(Exception failure) {
    if (failure instanceof AllNodesFailedException e && !e.getAllErrors().isEmpty()) {
      List<String> each = new ArrayList<>();
      e.getAllErrors()
          .values()
          .forEach(errors -> errors.forEach(x -> each.add(RoundTrips.causes(x))));
      return String.join("; ", each);
    }
    return RoundTrips.causes(failure);
  }

  /**
   * Logs in with the endpoint's (default) credentials and replaces the password: {@link
   * CassandraDefaultRole#replacePassword}.
   */
  static void replacePassword(ServiceEndpoint e, String password) {
    String application = "testlanes-takeover-" + UUID.randomUUID();
    try (CqlSession s = session(e, application)) {
      CassandraDefaultRole.replacePassword(s, application, password);
    }
  }

  /** {@code SELECT release_version FROM system.local}; returns the version. */
  static String releaseVersion(ServiceEndpoint e) {
    try (CqlSession s = session(e, "testlanes-readiness")) {
      Row row = s.execute("SELECT release_version FROM system.local").one();
      if (row == null) {
        throw new IllegalStateException("system.local returned no row");
      }
      return String.valueOf(row.getString(0));
    }
  }

  private static CqlSession session(ServiceEndpoint e, String application) {
    DriverConfigLoader config =
        CassandraDriver.tunedForTests()
            .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(2))
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
            .withBoolean(DefaultDriverOption.CONNECTION_WARN_INIT_ERROR, false)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .build();
    var builder =
        CqlSession.builder()
            .withConfigLoader(config)
            .addContactPoints(List.of(new InetSocketAddress(e.host(), e.port())))
            .withLocalDatacenter(e.attribute(ServiceEndpoint.DATACENTER).orElse("datacenter1"));
    if (!e.user().isEmpty()) {
      builder = builder.withAuthCredentials(e.user(), e.password());
    }
    return builder.withApplicationName(application).build();
  }
}

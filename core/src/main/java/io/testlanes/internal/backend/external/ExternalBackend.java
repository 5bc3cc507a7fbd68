package io.testlanes.internal.backend.external;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.RoundTripException;
import io.testlanes.internal.backend.RoundTrips;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceBackend;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceHandle;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.log.Log;
import java.time.Duration;

/**
 * Servers that already run, such as CI service containers: nothing is started or stopped here. Each
 * endpoint comes from configuration and is checked with a real round trip before use: a server that
 * says it is still starting is waited for until {@link Keys#START_TIMEOUT}; one that refuses the
 * connection or the credentials fails within seconds, naming the cause ({@link RoundTrips}).
 */
public final class ExternalBackend implements ServiceBackend {
  private static final Log log = Log.get(ExternalBackend.class);

  /**
   * What went wrong and how to fix it, by kind: {@code the external postgres at db:5432 (from
   * testlanes.postgres.url) rejected the credentials of user 'app': FATAL: password authentication
   * failed for user "app". Fix: ...}.
   */
  static String failure(ServiceEndpoint endpoint, RoundTripException e, Duration timeout) {
    Service service = endpoint.service();
    String at =
        "the external "
            + service.id()
            + " at "
            + endpoint.address()
            + " (from "
            + ExternalEndpoints.keyOf(service)
            + ") ";
    switch (e.kind()) {
      case REJECTED:
        return at
            + "rejected "
            + (endpoint.user().isEmpty()
                ? "the password"
                : "the credentials of user '" + endpoint.user() + "'")
            + ": "
            + e.getMessage()
            + ". Fix: correct the user and password in "
            + ExternalEndpoints.credentialKeysOf(service);
      case NOT_READY:
        return at
            + "was still starting after "
            + timeout.toSeconds()
            + " s ("
            + Keys.START_TIMEOUT
            + "): "
            + e.getMessage()
            + ". Fix: raise "
            + Keys.START_TIMEOUT
            + " if the server needs longer to start";
      default:
        Duration tried =
            timeout.compareTo(RoundTrips.UNREACHABLE_GRACE) < 0
                ? timeout
                : RoundTrips.UNREACHABLE_GRACE;
        return at
            + "did not answer within "
            + tried.toSeconds()
            + " s: "
            + e.getMessage()
            + ". Fix: check that the server runs and that "
            + ExternalEndpoints.keyOf(service)
            + " names its address, or use -D"
            + Keys.BACKEND
            + "=embedded";
    }
  }

  @Override
  public String name() {
    return "external";
  }

  @Override
  public RunningService start(Service service, StartContext context) {
    Settings settings = context.settings();
    long t0 = System.nanoTime();
    ServiceEndpoint endpoint;
    switch (service) {
      case POSTGRES:
        endpoint = ExternalEndpoints.postgres(settings);
        break;
      case REDIS:
        endpoint = ExternalEndpoints.redis(settings);
        break;
      default:
        endpoint = ExternalEndpoints.cassandra(settings);
        break;
    }
    Duration timeout = settings.startTimeout();
    try {
      endpoint = RoundTrips.await(endpoint, timeout);
    } catch (RoundTripException e) {
      throw new ServiceStartException(service, failure(endpoint, e, timeout), "", e);
    }
    Duration ready = Duration.ofNanos(System.nanoTime() - t0);
    log.info("{} reachable at {} in {} ms", service.id(), endpoint.address(), ready.toMillis());
    // Not ours to stop, and nothing here can watch a server on another machine or in CI's own
    // service containers: a death there shows as connection errors in the tests.
    return new RunningService(endpoint, ready, ServiceHandle.unwatched());
  }
}

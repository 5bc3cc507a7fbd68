package io.testlanes.internal.backend.external;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceBackend;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers that already run, such as CI service containers: nothing is started or stopped here. Each
 * endpoint comes from configuration and is checked with a real round trip before use.
 */
public final class ExternalBackend implements ServiceBackend {
  private static final Logger log = LoggerFactory.getLogger(ExternalBackend.class);

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
      endpoint = io.testlanes.internal.backend.RoundTrips.await(endpoint, timeout);
    } catch (RuntimeException e) {
      throw new ServiceStartException(
          service,
          "the external "
              + service.id()
              + " at "
              + endpoint.address()
              + " (from "
              + ExternalEndpoints.keyOf(service)
              + ") did not answer within "
              + timeout.toSeconds()
              + " s: "
              + e.getMessage()
              + ". Check that the server runs and the address and credentials are right, or use"
              + " -D"
              + Keys.BACKEND
              + "=embedded",
          "",
          e);
    }
    Duration ready = Duration.ofNanos(System.nanoTime() - t0);
    log.info("{} reachable at {} in {} ms", service.id(), endpoint.address(), ready.toMillis());
    ServiceEndpoint found = endpoint;
    return new RunningService() {
      @Override
      public ServiceEndpoint endpoint() {
        return found;
      }

      @Override
      public Duration readyTime() {
        return ready;
      }

      @Override
      public String logTail(int lines) {
        return "";
      }

      @Override
      public void close() {
        // not ours to stop
      }
    };
  }
}

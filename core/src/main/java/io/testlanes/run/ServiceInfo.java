package io.testlanes.run;

import io.testlanes.config.Service;
import java.time.Duration;

/**
 * A service of the run, as the host started or found it: where it answers, how to log in (the run's
 * generated credentials), and how long it took to become ready. Lanes live inside it; see {@link
 * io.testlanes.Lane} for a lane's own facts.
 *
 * @param service which service
 * @param host host name or address (loopback where testlanes starts the service)
 * @param port port
 * @param user user name; empty where the service has none
 * @param password password; empty where the service needs none
 * @param readyTime from the start request to the first successful round trip (for a service another
 *     JVM of the run started, as that start measured it)
 */
public record ServiceInfo(
    Service service, String host, int port, String user, String password, Duration readyTime) {

  /** {@code host:port}. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** No password in it. */
  @Override
  public String toString() {
    return service.id() + " at " + address() + " (ready in " + readyTime.toMillis() + " ms)";
  }
}

package io.testlanes.internal.backend.docker;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceStartException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tells early and clearly when there is no Docker engine to talk to.
 *
 * <p>An explicit {@code DOCKER_HOST} is checked here, in milliseconds: a Unix socket must accept a
 * connection, a {@code tcp://} address must accept one within 2 s. Testcontainers would otherwise
 * fall back to other sockets in silence, which the {@code docker} command does not do either.
 * Without {@code DOCKER_HOST}, Testcontainers' own search decides (it knows Docker Desktop, Colima
 * and friends) and {@link #unavailable} words its failure.
 */
final class DockerAvailability {
  private static final int TCP_CONNECT_TIMEOUT_MS = 2_000;

  private DockerAvailability() {}

  /**
   * Checks the engine that {@code DOCKER_HOST} in {@code env} names, if it names one.
   *
   * @throws ServiceStartException saying that Docker is not available, and what to do
   */
  static void check(Service service, Map<String, String> env) {
    String dockerHost = env.getOrDefault("DOCKER_HOST", "").trim();
    if (dockerHost.isEmpty()) {
      return;
    }
    String problem = probe(dockerHost);
    if (problem != null) {
      throw unavailable(service, "DOCKER_HOST=" + dockerHost + " " + problem, null);
    }
  }

  /** Why {@code dockerHost} does not answer, or null if it accepts a connection (or can't tell). */
  static @Nullable String probe(String dockerHost) {
    URI uri;
    try {
      uri = new URI(dockerHost);
    } catch (URISyntaxException e) {
      return "is not a URI such as unix:///var/run/docker.sock or tcp://127.0.0.1:2375";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    switch (scheme) {
      case "unix":
        return probeUnixSocket(Path.of(uri.getPath()));
      case "tcp":
      case "http":
      case "https":
        if (uri.getHost() == null || uri.getPort() < 0) {
          return "has no host and port";
        }
        return probeTcp(uri.getHost(), uri.getPort());
      default:
        return null; // npipe, ssh: leave them to Testcontainers
    }
  }

  private static @Nullable String probeUnixSocket(Path socket) {
    if (!Files.exists(socket)) {
      return "names " + socket + ", which does not exist (is the Docker engine running?)";
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return null;
    } catch (IOException e) {
      return "names " + socket + ", which refused the connection (" + e.getMessage() + ")";
    }
  }

  private static @Nullable String probeTcp(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), TCP_CONNECT_TIMEOUT_MS);
      return null;
    } catch (IOException e) {
      return "does not accept connections (" + e.getMessage() + ")";
    }
  }

  /** The error for "no Docker": what was tried, how to start Docker, and how to do without it. */
  static ServiceStartException unavailable(
      Service service, String what, @Nullable Throwable cause) {
    String message =
        "Docker is not available: "
            + what
            + ". The docker backend ("
            + Keys.BACKEND
            + "=docker) needs a running Docker engine: start it (Docker Desktop, `sudo systemctl"
            + " start docker` or `dockerd`) and check DOCKER_HOST, or run without Docker:"
            + " -D"
            + Keys.BACKEND
            + "=embedded";
    return cause == null
        ? new ServiceStartException(service, message, "")
        : new ServiceStartException(service, message, "", cause);
  }
}

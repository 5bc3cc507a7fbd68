package io.testlanes.internal.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceStartException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No Docker needed: a DOCKER_HOST that does not answer must give a clear error, at once. */
class DockerAvailabilityTest {
  @Test
  void aMissingSocketSaysDockerIsNotAvailableAndHowToDoWithout(@TempDir Path dir) {
    Path socket = dir.resolve("missing.sock");

    assertThatThrownBy(
            () ->
                DockerAvailability.check(
                    Service.POSTGRES, Map.of("DOCKER_HOST", "unix://" + socket)))
        .isInstanceOf(ServiceStartException.class)
        .hasMessageStartingWith("postgres failed to start: Docker is not available: DOCKER_HOST=")
        .hasMessageContaining(socket + ", which does not exist")
        .hasMessageContaining("-Dtestlanes.backend=embedded");
  }

  @Test
  void aSocketNobodyListensOnSaysItRefused(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("dead.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    } // closed: the file stays, nobody listens
    assertThat(socket).exists();

    assertThatThrownBy(
            () ->
                DockerAvailability.check(Service.REDIS, Map.of("DOCKER_HOST", "unix://" + socket)))
        .isInstanceOf(ServiceStartException.class)
        .hasMessageContaining("Docker is not available")
        .hasMessageContaining("which refused the connection")
        .hasMessageContaining("-Dtestlanes.backend=embedded");
  }

  @Test
  void aTcpAddressNobodyListensOnSaysSo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String host = "tcp://127.0.0.1:" + port;

    assertThatThrownBy(
            () -> DockerAvailability.check(Service.CASSANDRA, Map.of("DOCKER_HOST", host)))
        .isInstanceOf(ServiceStartException.class)
        .hasMessageContaining("DOCKER_HOST=" + host + " does not accept connections");
  }

  @Test
  void aListeningSocketPassesAndNoDockerHostLeavesTheSearchToTestcontainers(@TempDir Path dir)
      throws Exception {
    Path socket = dir.resolve("live.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertThat(DockerAvailability.probe("unix://" + socket)).isNull();
    }
    assertThatCode(() -> DockerAvailability.check(Service.POSTGRES, Map.of()))
        .doesNotThrowAnyException();
  }

  /** The whole backend in a JVM whose DOCKER_HOST is dead: the same message, in well under 10 s. */
  @Test
  void theBackendInAJvmWithADeadDockerHostFailsWithTheMessage(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("nobody.sock");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx64m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(DeadDockerHostMain.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(out).isEqualTo(3);
    assertThat(out)
        .contains("ServiceStartException: postgres failed to start: Docker is not available")
        .contains("DOCKER_HOST=unix://" + socket)
        .contains("-Dtestlanes.backend=embedded");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }
}

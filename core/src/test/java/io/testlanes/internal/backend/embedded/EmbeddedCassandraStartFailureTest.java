package io.testlanes.internal.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A start that cannot succeed: it must fail fast, say why, and leave nothing behind. */
class EmbeddedCassandraStartFailureTest {
  private Watchdog watchdog;
  private Path dataRoot;

  @BeforeEach
  void setUp() throws IOException {
    watchdog = Watchdog.start();
    dataRoot = CassandraTestSupport.dataRoot();
  }

  @AfterEach
  void tearDown() {
    watchdog.close();
    CassandraTestSupport.delete(dataRoot);
  }

  @Test
  void cqlPortInUseFailsWithTheLogTailAndLeavesNoProcessOrDirectory() throws IOException {
    Settings settings = Settings.load();
    StartContext context =
        new StartContext(settings, dataRoot, CacheDirs.defaultCacheDir(settings), watchdog, 4);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int takenPort = taken.getLocalPort();
      Deque<Integer> ports = new ArrayDeque<>(List.of(FreePorts.freePort(), takenPort));
      EmbeddedCassandra cassandra = new EmbeddedCassandra(ports::removeFirst);

      assertThatThrownBy(() -> cassandra.start(context))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageStartingWith("cassandra failed to start: ")
          .hasMessageContaining("exited with code")
          .hasMessageContaining("--- last lines of the cassandra log ---")
          .hasMessageContaining("Failed to bind port " + takenPort)
          .hasMessageContaining("Address already in use");
    }
    assertThat(CassandraTestSupport.processesMentioning(dataRoot.toString())).isEmpty();
    try (Stream<Path> left = Files.list(dataRoot)) {
      assertThat(left).isEmpty();
    }
  }
}

package io.testlanes.internal.backend.embedded;

import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.ServiceProcess;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** A running embedded Cassandra node: its endpoint, and how to stop it and remove its files. */
final class EmbeddedCassandraService implements RunningService {
  private static final Log log = Log.get("io.testlanes.cassandra");

  private final ServiceEndpoint endpoint;
  private final Duration readyTime;
  private final ServiceProcess process;
  private final Path nodeDir;
  private final CassandraClassArchive archive;
  private final Watchdog watchdog;
  private boolean closed;

  EmbeddedCassandraService(
      ServiceEndpoint endpoint,
      Duration readyTime,
      ServiceProcess process,
      Path nodeDir,
      CassandraClassArchive archive,
      Watchdog watchdog) {
    this.endpoint = endpoint;
    this.readyTime = readyTime;
    this.process = process;
    this.nodeDir = nodeDir;
    this.archive = archive;
    this.watchdog = watchdog;
  }

  @Override
  public ServiceEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Duration readyTime() {
    return readyTime;
  }

  @Override
  public String logTail(int lines) {
    return process.logTail(lines);
  }

  /** PID of the node's JVM. */
  long pid() {
    return process.pid();
  }

  /** The node's directory (configuration, data, log); gone after {@link #close()}. */
  Path nodeDir() {
    return nodeDir;
  }

  /**
   * SIGTERM, up to 15 s for a clean shutdown (which also writes a first class-data archive), then
   * SIGKILL; then the node directory goes.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    boolean interrupted = Thread.interrupted();
    try {
      process.stop("TERM", EmbeddedCassandra.STOP_GRACE);
      if (!process.isAlive()) {
        archive.keepCreated();
      }
      deleteTree(nodeDir);
      watchdog.forgetDirectory(nodeDir);
      log.info(
          "cassandra on {} stopped in {}",
          endpoint.address(),
          EmbeddedCassandra.seconds(System.nanoTime() - t0));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Removes {@code dir} and everything in it; a missing directory is fine. */
  static void deleteTree(Path dir) {
    try {
      CacheDirs.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "expected to remove the Cassandra node directory " + dir + ", but " + e, e);
    }
  }

  @Override
  public String toString() {
    return "embedded " + endpoint + " (pid " + process.pid() + ", " + nodeDir + ")";
  }
}

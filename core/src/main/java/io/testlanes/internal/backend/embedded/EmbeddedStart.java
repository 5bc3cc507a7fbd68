package io.testlanes.internal.backend.embedded;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.ServiceProcess;
import io.testlanes.internal.process.SharedMemorySegment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The start of one embedded server process, the same for Postgres and Redis: a fresh private
 * directory, the server launched on a free port (on another one if a process took it meanwhile), a
 * real round trip until it answers or the start timeout passes, its process, directory and shared
 * memory registered with the watchdog, and on any failure nothing left behind. What differs between
 * servers is their {@link Recipe}.
 *
 * <p>Cassandra has a start of its own ({@link EmbeddedCassandra}: two ports, a child JVM that is
 * probed in two steps) and shares the {@link EmbeddedServer} handle.
 */
final class EmbeddedStart {
  private static final Log log = Log.get(EmbeddedStart.class);
  static final String HOST = "127.0.0.1";
  private static final int PORT_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 30;

  private final StartContext context;
  private final Service service;
  private final long t0;
  private final long deadline;

  /**
   * The facts of one kind of server.
   *
   * @param program the program, for messages: {@code postgres}, {@code redis-server}
   * @param roundTrip the round trip that proves it is ready, for messages: {@code SELECT 1}
   * @param logFile the name of its log file in its directory
   * @param poll how long to wait between two round trips while it starts
   * @param stop how it is stopped once it answered
   * @param failureStop how it is stopped when its start failed
   */
  record Server(
      String program,
      String roundTrip,
      String logFile,
      Duration poll,
      EmbeddedServer.Stop stop,
      EmbeddedServer.Stop failureStop) {}

  /** What one kind of server needs done to start; see {@link EmbeddedStart}. */
  interface Recipe {
    /** Once, in the fresh directory, before the first launch ({@code initdb}). */
    default void prepare(Path dir) throws IOException {}

    /** Launches the server on {@code port}, its directory {@code dir}. */
    ServiceProcess launch(Path dir, int port) throws IOException;

    /** One round trip; its failure if the server does not answer (yet). */
    Optional<Exception> probe(int port);

    /** Its endpoint, once it answered on {@code port}. */
    ServiceEndpoint endpoint(int port);

    /** The System V shared memory segment it keeps, read once it answered. */
    default Optional<SharedMemorySegment> sharedMemory(Path dir) throws IOException {
      return Optional.empty();
    }
  }

  /** Something read or made in the cache directory, such as the server's binaries. */
  @FunctionalInterface
  interface CacheStep<T> {
    T get() throws IOException;
  }

  private EmbeddedStart(StartContext context, Service service) {
    this.context = context;
    this.service = service;
    this.t0 = System.nanoTime();
    this.deadline = t0 + context.settings().startTimeout().toNanos();
  }

  /** Begins the start of {@code service} now: its start timeout counts from here. */
  static EmbeddedStart begin(StartContext context, Service service) {
    log.info("{}: starting…", service.id());
    return new EmbeddedStart(context, service);
  }

  /** When the start timeout ends, in {@link System#nanoTime()}. */
  long deadline() {
    return deadline;
  }

  /**
   * Runs {@code step} (extracting binaries into the cache directory); an I/O failure fails the
   * start naming the directory and the fix.
   *
   * @param what for the message: {@code extract the PostgreSQL binaries}
   */
  <T> T fromCache(String what, CacheStep<T> step) {
    try {
      return step.get();
    } catch (IOException e) {
      throw new ServiceStartException(
          service,
          "could not "
              + what
              + " into "
              + context.cacheDir()
              + ": "
              + e.getMessage()
              + ". Fix: check that the directory is writable, or set -D"
              + Keys.CACHE_DIR
              + " to one that is",
          "",
          e);
    }
  }

  /**
   * Starts {@code server} by {@code recipe} in a fresh directory owned by {@code runAs} (when
   * given) and returns once it answered its round trip.
   *
   * @param port the port to listen on, or 0 for a free one (a race with another process for it is
   *     retried on another port)
   * @throws ServiceStartException if it did not become ready; nothing it started is left behind
   */
  RunningService run(int port, Optional<String> runAs, Server server, Recipe recipe) {
    Path dir = null;
    ServiceProcess process = null;
    try {
      dir = EmbeddedServer.createServiceDirectory(context, service.id(), runAs);
      recipe.prepare(dir);
      for (int attempt = 1; ; attempt++) {
        int p = port > 0 ? port : FreePorts.freePort();
        process = recipe.launch(dir, p);
        Optional<String> portTaken = awaitReady(server, recipe, process, p);
        if (portTaken.isPresent()) {
          if (port > 0 || attempt >= PORT_ATTEMPTS) {
            throw new ServiceStartException(
                service,
                "port "
                    + HOST
                    + ":"
                    + p
                    + " is already in use by another process"
                    + (port > 0
                        ? ". Fix: stop what listens on it, or let testlanes pick a free port"
                        : " ("
                            + attempt
                            + " free ports were taken before "
                            + service.id()
                            + " could bind them)"),
                portTaken.get());
          }
          log.debug("{}: port {} was taken meanwhile; trying another", service.id(), p);
          continue;
        }
        Duration ready = Duration.ofNanos(System.nanoTime() - t0);
        Optional<SharedMemorySegment> segment = recipe.sharedMemory(dir);
        segment.ifPresent(m -> context.watchdog().watchSharedMemory(m.id()));
        ServiceEndpoint endpoint = recipe.endpoint(p);
        log.info(
            "{} ready on {} in {} s",
            service.id(),
            endpoint.address(),
            EmbeddedServer.seconds(ready));
        return new RunningService(
            endpoint,
            ready,
            new EmbeddedServer(process, dir, context.watchdog(), server.stop(), segment));
      }
    } catch (IOException e) {
      String tail = dir == null ? "" : ServiceProcess.tail(dir.resolve(server.logFile()), 30);
      cleanUp(process, dir, server);
      throw new ServiceStartException(
          service, "could not prepare its directory: " + e.getMessage(), tail, e);
    } catch (RuntimeException | Error e) {
      cleanUp(process, dir, server);
      throw e;
    }
  }

  /**
   * Waits until {@code process} answers the recipe's round trip.
   *
   * @return the log tail if the server exited because its port was taken, else empty
   * @throws ServiceStartException if it exited otherwise, or did not answer in time
   */
  private Optional<String> awaitReady(
      Server server, Recipe recipe, ServiceProcess process, int port) {
    EmbeddedServer.Stop failed = server.failureStop();
    try {
      while (true) {
        if (!process.isAlive()) {
          int exit = process.exitCode().orElse(-1);
          process.close();
          String tail = process.logTail(LOG_TAIL_LINES);
          if (EmbeddedServer.saysPortInUse(tail)) {
            return Optional.of(tail);
          }
          throw new ServiceStartException(
              service,
              server.program()
                  + " exited with code "
                  + exit
                  + " before it answered "
                  + server.roundTrip(),
              tail);
        }
        Optional<Exception> failure = recipe.probe(port);
        if (failure.isEmpty()) {
          return Optional.empty();
        }
        if (System.nanoTime() > deadline) {
          process.stop(failed.signal(), failed.grace());
          throw new ServiceStartException(
              service,
              "no answer to "
                  + server.roundTrip()
                  + " on "
                  + HOST
                  + ":"
                  + port
                  + " within "
                  + context.settings().startTimeout().toMillis()
                  + " ms (last error: "
                  + failure.get().getMessage()
                  + "). Fix: raise -D"
                  + Keys.START_TIMEOUT
                  + " if the machine is slow",
              process.logTail(LOG_TAIL_LINES),
              failure.get());
        }
        Thread.sleep(server.poll().toMillis());
      }
    } catch (InterruptedException e) {
      process.stop(failed.signal(), failed.grace());
      Thread.currentThread().interrupt();
      throw new ServiceStartException(
          service,
          "interrupted while waiting for " + service.id() + " to answer " + server.roundTrip(),
          process.logTail(LOG_TAIL_LINES),
          e);
    }
  }

  /** Stops what a failed start left running and removes its directory. */
  private void cleanUp(@Nullable ServiceProcess process, @Nullable Path dir, Server server) {
    if (process != null) {
      EmbeddedServer.Stop failed = server.failureStop();
      process.stop(failed.signal(), failed.grace());
    }
    if (dir != null) {
      EmbeddedServer.removeDirectory(dir, context.watchdog());
    }
  }
}

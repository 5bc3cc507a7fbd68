package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs {@code redis-server} as a child process for one run: loopback only, a free port, a password
 * generated for this run, no persistence ({@code save ""}, {@code appendonly no}), and one logical
 * database per lane plus one ({@code databases} at least 16). The settings go into a config file of
 * mode 600 in the server's directory (mode 700), so that the password shows neither in {@code ps}
 * nor to another user. As root, the server runs as the unprivileged {@link
 * Privileges#serviceUser()}, which owns that directory.
 *
 * <p>The binary comes from the {@code embedded-redis} artifact or from this machine ({@link
 * RedisBinary}); that library's own process code is not used, so that the server leads its own
 * process group, registered with the {@link io.testlanes.internal.process.Watchdog}.
 */
public final class EmbeddedRedis {
  private static final Log log = Log.get(EmbeddedRedis.class);

  private static final String HOST = "127.0.0.1";
  private static final int PORT_ATTEMPTS = 3;
  private static final Duration POLL = Duration.ofMillis(10);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** Starts Redis on a free port. See {@link #start(StartContext, int)}. */
  public RunningService start(StartContext context) {
    return start(context, 0);
  }

  /**
   * Starts Redis and returns once {@code AUTH} and {@code PING} succeeded.
   *
   * @param port the port to listen on, or 0 for a free one (a race with another process for it is
   *     retried on another port)
   * @throws ServiceStartException if it did not become ready; nothing it started is left behind
   * @throws ConfigurationException if the configured binary is missing
   */
  RunningService start(StartContext context, int port) {
    long t0 = System.nanoTime();
    log.info("redis: starting…");
    requireJedis();
    long deadline = t0 + context.settings().startTimeout().toNanos();
    Path binary;
    try {
      binary = RedisBinary.resolve(context.settings(), context.cacheDir());
    } catch (IOException e) {
      throw new ServiceStartException(
          Service.REDIS,
          "could not copy the redis-server binary into "
              + context.cacheDir()
              + ": "
              + e.getMessage()
              + ". Fix: check that the directory is writable, or set -D"
              + Keys.CACHE_DIR
              + " to one that is",
          "",
          e);
    }
    int databases = Math.max(16, context.lanes() + 1);
    String password = EmbeddedServer.randomPassword();
    Optional<String> runAs = Privileges.serviceUser();
    Path dir = null;
    try {
      if (runAs.isPresent()) {
        EmbeddedServer.requireReadableBy(
            binary,
            runAs.get(),
            "Redis",
            Keys.REDIS_BINARY,
            context.settings().redisBinary(),
            "point -D"
                + Keys.REDIS_BINARY
                + " at a redis-server every user can run, or set -D"
                + Keys.CACHE_DIR
                + " to a directory every user can read");
      }
      dir = EmbeddedServer.createServiceDirectory(context, "redis", runAs);
      for (int attempt = 1; ; attempt++) {
        int p = port > 0 ? port : FreePorts.freePort();
        Path config = writeConfig(dir, p, password, databases, runAs);
        ServiceProcess process =
            ServiceProcess.start(
                "redis",
                Privileges.asUser(runAs, List.of(binary.toString(), config.toString())),
                dir,
                Map.of(),
                dir.resolve("redis.log"),
                context.watchdog());
        if (!awaitReady(context, process, p, password, deadline)) {
          if (port > 0 || attempt >= PORT_ATTEMPTS) {
            throw new ServiceStartException(
                Service.REDIS,
                "port "
                    + HOST
                    + ":"
                    + p
                    + " is already in use by another process"
                    + (port > 0
                        ? ". Fix: stop what listens on it, or let testlanes pick a free port"
                        : " (" + attempt + " free ports were taken before redis could bind them)"),
                process.logTail(30));
          }
          log.debug("redis: port {} was taken meanwhile; trying another", p);
          continue;
        }
        Duration ready = Duration.ofNanos(System.nanoTime() - t0);
        ServiceEndpoint endpoint =
            new ServiceEndpoint(
                Service.REDIS,
                HOST,
                p,
                "",
                password,
                Map.of(ServiceEndpoint.DATABASES, Integer.toString(databases)));
        log.info("redis ready on {} in {} s", endpoint.address(), EmbeddedServer.seconds(ready));
        return new EmbeddedServer(
            process,
            dir,
            endpoint,
            ready,
            context.watchdog(),
            "TERM",
            STOP_GRACE,
            Optional.empty());
      }
    } catch (IOException e) {
      String tail = dir == null ? "" : ServiceProcess.tail(dir.resolve("redis.log"), 30);
      cleanUp(dir, context);
      throw new ServiceStartException(
          Service.REDIS, "could not prepare its directory: " + e.getMessage(), tail, e);
    } catch (RuntimeException | Error e) {
      cleanUp(dir, context);
      throw e;
    }
  }

  private static void cleanUp(@Nullable Path dir, StartContext context) {
    if (dir != null) {
      EmbeddedServer.removeDirectory(dir, context.watchdog());
    }
  }

  private static Path writeConfig(
      Path dir, int port, String password, int databases, Optional<String> owner)
      throws IOException {
    Path config = dir.resolve("redis.conf");
    String text =
        String.join(
            "\n",
            "port " + port,
            "bind " + HOST,
            "protected-mode yes",
            "daemonize no",
            "save \"\"",
            "appendonly no",
            "requirepass " + password,
            "databases " + databases,
            "dir " + quote(dir.toString()),
            "logfile \"\"",
            "");
    EmbeddedServer.writePrivateFile(config, text, owner);
    return config;
  }

  /** A double-quoted string as redis.conf reads it. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * Waits until AUTH and PING succeed.
   *
   * @return false if the server exited because its port was taken
   */
  private static boolean awaitReady(
      StartContext context, ServiceProcess process, int port, String password, long deadline) {
    try {
      while (true) {
        if (!process.isAlive()) {
          int exit = process.exitCode().orElse(-1);
          process.close();
          String tail = process.logTail(30);
          if (EmbeddedServer.saysPortInUse(tail)) {
            return false;
          }
          throw new ServiceStartException(
              Service.REDIS,
              "redis-server exited with code " + exit + " before it answered PING",
              tail);
        }
        JedisException last;
        try {
          ping(port, password);
          return true;
        } catch (JedisException e) {
          last = e;
        }
        if (System.nanoTime() > deadline) {
          process.stop("TERM", STOP_GRACE);
          throw new ServiceStartException(
              Service.REDIS,
              "no answer to PING on "
                  + HOST
                  + ":"
                  + port
                  + " within "
                  + context.settings().startTimeout().toMillis()
                  + " ms (last error: "
                  + last.getMessage()
                  + "). Fix: raise -D"
                  + Keys.START_TIMEOUT
                  + " if the machine is slow",
              process.logTail(30),
              last);
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      process.stop("TERM", STOP_GRACE);
      Thread.currentThread().interrupt();
      throw new ServiceStartException(
          Service.REDIS, "interrupted while waiting for redis to answer", process.logTail(30), e);
    } catch (RuntimeException e) {
      process.stop("TERM", STOP_GRACE);
      throw e;
    }
  }

  /** One real round trip: AUTH with the generated password, then PING. */
  static void ping(int port, String password) {
    try (Jedis jedis = new Jedis(HOST, port, 1000, 2000)) {
      jedis.auth(password);
      String pong = jedis.ping();
      if (!"PONG".equals(pong)) {
        throw new JedisException("PING answered '" + pong + "' instead of PONG");
      }
    }
  }

  private static void requireJedis() {
    try {
      Class.forName("redis.clients.jedis.Jedis", false, EmbeddedRedis.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ServiceStartException(
          Service.REDIS,
          "the Jedis client (redis.clients.jedis.Jedis) is not on the classpath; testlanes needs"
              + " it to check that the server answers. Fix: add redis.clients:jedis as a test"
              + " dependency",
          "",
          e);
    }
  }
}

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

  private static final String HOST = EmbeddedStart.HOST;
  private static final Duration POLL = Duration.ofMillis(10);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final EmbeddedStart.Server SERVER =
      new EmbeddedStart.Server(
          "redis-server",
          "PING",
          "redis.log",
          POLL,
          new EmbeddedServer.Stop("TERM", STOP_GRACE),
          new EmbeddedServer.Stop("TERM", STOP_GRACE));

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
    EmbeddedStart start = EmbeddedStart.begin(context, Service.REDIS);
    requireJedis();
    Path binary =
        start.fromCache(
            "copy the redis-server binary",
            () -> RedisBinary.resolve(context.settings(), context.cacheDir()));
    int databases = Math.max(16, context.lanes() + 1);
    String password = EmbeddedServer.randomPassword();
    Optional<String> runAs = Privileges.serviceUser();
    return start.run(
        port,
        runAs,
        SERVER,
        new EmbeddedStart.Recipe() {
          @Override
          public void prepare(Path dir) throws IOException {
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
          }

          @Override
          public ServiceProcess launch(Path dir, int p) throws IOException {
            Path config = writeConfig(dir, p, password, databases, runAs);
            return ServiceProcess.start(
                "redis",
                Privileges.asUser(runAs, List.of(binary.toString(), config.toString())),
                dir,
                Map.of(),
                dir.resolve("redis.log"),
                context.watchdog());
          }

          @Override
          public Optional<Exception> probe(int p) {
            try {
              ping(p, password);
              return Optional.empty();
            } catch (JedisException e) {
              return Optional.of(e);
            }
          }

          @Override
          public ServiceEndpoint endpoint(int p) {
            return new ServiceEndpoint(
                Service.REDIS,
                HOST,
                p,
                "",
                password,
                Map.of(ServiceEndpoint.DATABASES, Integer.toString(databases)));
          }
        });
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

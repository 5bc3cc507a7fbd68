package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.process.Watchdog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link EmbeddedPostgresRedisKillTest}: starts Postgres and Redis with a
 * watchdog, prints {@code READY <postgres pid> <redis pid> <postgres dir> <redis dir> <watchdog
 * pid>}, and waits to be killed.
 */
public final class EmbeddedPostgresRedisChild {
  private EmbeddedPostgresRedisChild() {}

  public static void main(String[] args) throws Exception {
    Path dataRoot = Path.of(args[0]);
    Path cacheDir = Path.of(args[1]);
    Settings settings = Settings.load(List.of(ConfigSource.of("test", Map.of())));
    Watchdog watchdog = Watchdog.start();
    StartContext context = new StartContext(settings, dataRoot, cacheDir, watchdog, 4);
    EmbeddedBackend backend = new EmbeddedBackend();
    EmbeddedServer postgres = (EmbeddedServer) backend.start(Service.POSTGRES, context);
    EmbeddedServer redis = (EmbeddedServer) backend.start(Service.REDIS, context);
    System.out.println(
        "READY "
            + postgres.pid()
            + " "
            + redis.pid()
            + " "
            + postgres.directory()
            + " "
            + redis.directory()
            + " "
            + watchdog.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}

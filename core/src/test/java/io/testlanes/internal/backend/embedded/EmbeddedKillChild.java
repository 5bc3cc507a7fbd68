package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.process.SharedMemorySegment;
import io.testlanes.internal.process.Watchdog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link EmbeddedKillTest}: starts Postgres, Redis and Cassandra with a
 * watchdog, prints {@code READY <postgres pid> <redis pid> <cassandra pid> <postgres dir> <redis
 * dir> <cassandra dir> <watchdog pid> <postgres shared memory id>}, and waits to be killed.
 */
public final class EmbeddedKillChild {
  private EmbeddedKillChild() {}

  public static void main(String[] args) throws Exception {
    Path dataRoot = Path.of(args[0]);
    Path cacheDir = Path.of(args[1]);
    Settings settings = Settings.load(List.of(ConfigSource.of("test", Map.of())));
    Watchdog watchdog = Watchdog.start();
    StartContext context = new StartContext(settings, dataRoot, cacheDir, watchdog, 4);
    EmbeddedBackend backend = new EmbeddedBackend();
    EmbeddedServer postgres = (EmbeddedServer) backend.start(Service.POSTGRES, context).handle();
    EmbeddedServer redis = (EmbeddedServer) backend.start(Service.REDIS, context).handle();
    EmbeddedServer cassandra = (EmbeddedServer) backend.start(Service.CASSANDRA, context).handle();
    System.out.println(
        String.join(
            " ",
            "READY",
            Long.toString(postgres.pid()),
            Long.toString(redis.pid()),
            Long.toString(cassandra.pid()),
            postgres.directory().toString(),
            redis.directory().toString(),
            cassandra.directory().toString(),
            Long.toString(watchdog.pid()),
            Integer.toString(postgres.sharedMemory().map(SharedMemorySegment::id).orElse(-1))));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}

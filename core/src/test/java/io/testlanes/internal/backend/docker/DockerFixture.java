package io.testlanes.internal.backend.docker;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.process.Watchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test fixture: a watchdog, a data root and the docker backend, with the images that {@code
 * ci/images/build-all.sh} builds unless {@code -Dtestlanes.docker.*Image} name others. Closing it
 * closes what it started, the watchdog (which removes any container still registered) and the data
 * root.
 */
final class DockerFixture implements AutoCloseable {
  static final String POSTGRES_IMAGE = "testlanes/postgres:15";
  static final String REDIS_IMAGE = "testlanes/redis:7";
  static final String CASSANDRA_IMAGE = "testlanes/cassandra:5.0";

  final Watchdog watchdog;
  final Path dataRoot;
  final StartContext context;
  final DockerBackend backend = new DockerBackend();
  private final List<RunningService> started = new ArrayList<>();

  DockerFixture(int lanes) {
    this(lanes, Map.of());
  }

  DockerFixture(int lanes, Map<String, String> config) {
    Map<String, String> values = new HashMap<>();
    values.put(Keys.DOCKER_POSTGRES_IMAGE, POSTGRES_IMAGE);
    values.put(Keys.DOCKER_REDIS_IMAGE, REDIS_IMAGE);
    values.put(Keys.DOCKER_CASSANDRA_IMAGE, CASSANDRA_IMAGE);
    values.putAll(config);
    Settings settings = Settings.load(ConfigSource.of("docker test fixture", values));
    watchdog = Watchdog.start();
    try {
      dataRoot = Files.createTempDirectory("testlanes-docker-test-");
    } catch (IOException e) {
      watchdog.close();
      throw new UncheckedIOException(e);
    }
    watchdog.watchDirectory(dataRoot);
    context = new StartContext(settings, dataRoot, dataRoot.resolve("cache"), watchdog, lanes);
  }

  RunningService start(Service service) {
    RunningService s = backend.start(service, context);
    started.add(s);
    return s;
  }

  @Override
  public void close() {
    try {
      for (RunningService s : started) {
        s.close();
      }
    } finally {
      watchdog.close(); // removes dataRoot too; the walk below is for a watchdog that failed
      if (!Files.exists(dataRoot)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(dataRoot)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

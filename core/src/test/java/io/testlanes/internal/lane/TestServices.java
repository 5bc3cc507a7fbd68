package io.testlanes.internal.lane;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceBackend;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.backend.embedded.CacheDirs;
import io.testlanes.internal.process.Watchdog;
import io.testlanes.internal.run.Backends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Test fixture: starts services with the backend that {@code -Dtestlanes.backend} names (embedded
 * by default; docker and external in CI's backend contract runs), once per test class, and stops
 * them again with everything they made (processes, tmpfs directories, the watchdog), also when a
 * start fails. Reusable by tests of other packages:
 *
 * <pre>{@code
 * static TestServices services;
 * @BeforeAll static void start() { services = TestServices.start(4, Service.POSTGRES); }
 * @AfterAll static void stop() { services.close(); }
 * }</pre>
 */
public final class TestServices implements AutoCloseable {
  private final Watchdog watchdog;
  private final Path dataRoot;
  private final Settings settings;
  private final Map<Service, RunningService> running;

  private TestServices(
      Watchdog watchdog, Path dataRoot, Settings settings, Map<Service, RunningService> running) {
    this.watchdog = watchdog;
    this.dataRoot = dataRoot;
    this.settings = settings;
    this.running = running;
  }

  /** Starts {@code services} (at once) for a run of up to {@code lanes} lanes. */
  public static TestServices start(int lanes, Service... services) {
    return start(lanes, Map.of(), services);
  }

  /**
   * Starts {@code services} (at once) for a run of up to {@code lanes} lanes, with extra settings
   * (system properties still win, so {@code -Dtestlanes.cacheDir} etc. apply).
   */
  public static TestServices start(int lanes, Map<String, String> config, Service... services) {
    Settings settings = Settings.load(ConfigSource.of("test fixture", config));
    ServiceBackend backend = Backends.create(settings);
    Watchdog watchdog = Watchdog.start();
    Path dataRoot;
    try {
      Path shm = Path.of("/dev/shm");
      Path parent =
          Files.isDirectory(shm) && Files.isWritable(shm)
              ? shm
              : Path.of(System.getProperty("java.io.tmpdir"));
      dataRoot = Files.createTempDirectory(parent, "testlanes-test-");
      // the unprivileged user that runs Postgres must reach its data directory below this
      Files.setPosixFilePermissions(dataRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
      watchdog.watchDirectory(dataRoot);
    } catch (IOException e) {
      watchdog.close();
      throw new UncheckedIOException(e);
    }
    StartContext context =
        new StartContext(settings, dataRoot, CacheDirs.defaultCacheDir(settings), watchdog, lanes);
    Map<Service, CompletableFuture<RunningService>> starts = new EnumMap<>(Service.class);
    for (Service s : services) {
      starts.put(s, CompletableFuture.supplyAsync(() -> backend.start(s, context)));
    }
    Map<Service, RunningService> running = new EnumMap<>(Service.class);
    RuntimeException failure = null;
    for (Map.Entry<Service, CompletableFuture<RunningService>> e : starts.entrySet()) {
      try {
        running.put(e.getKey(), e.getValue().join());
      } catch (CompletionException ce) {
        RuntimeException cause =
            ce.getCause() instanceof RuntimeException r
                ? r
                : new IllegalStateException(ce.getCause());
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    TestServices fixture = new TestServices(watchdog, dataRoot, settings, running);
    if (failure != null) {
      fixture.close();
      throw failure;
    }
    return fixture;
  }

  public Settings settings() {
    return settings;
  }

  public ServiceEndpoint endpoint(Service service) {
    RunningService r = running.get(service);
    if (r == null) {
      throw new IllegalStateException(service.id() + " was not started by this fixture");
    }
    return r.endpoint();
  }

  public Collection<ServiceEndpoint> endpoints() {
    List<ServiceEndpoint> out = new ArrayList<>();
    running.values().forEach(r -> out.add(r.endpoint()));
    return out;
  }

  public RunningService running(Service service) {
    RunningService r = running.get(service);
    if (r == null) {
      throw new IllegalStateException(service.id() + " was not started by this fixture");
    }
    return r;
  }

  /** Stops every service, removes the data directory and ends the watchdog. */
  @Override
  public void close() {
    RuntimeException failure = null;
    List<RunningService> all = new ArrayList<>(running.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        all.get(i).close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    running.clear();
    try (Stream<Path> walk = Files.walk(dataRoot)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the watchdog removes it below
    }
    watchdog.close();
    if (failure != null) {
      throw failure;
    }
  }
}

package io.testlanes.internal.lane;

import io.testlanes.Lane;
import io.testlanes.config.Isolation;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.log.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The lanes of a run on every store it has: holds one {@link StoreIsolation} per service and runs
 * each lane operation on all of them at once, timing each.
 *
 * <p>In {@link Isolation#SHARED shared} isolation every lane number maps to the one shared lane
 * ({@link LaneNames#SHARED}): every worker sees every other worker's data, as in the naive setup.
 *
 * <p>Thread-safe. Operations on different lanes run concurrently; operations on one lane are
 * serialized within this JVM (across JVMs, lane leases keep a lane to one holder).
 */
public final class Lanes implements AutoCloseable {
  private static final Log log = Log.get(Lanes.class);

  private final Map<Service, ServiceEndpoint> endpoints;
  private final Map<Service, StoreIsolation> stores;
  private final Isolation isolation;
  private final int maxLane;
  private final ExecutorService executor;
  private final Map<Integer, Object> laneLocks = new ConcurrentHashMap<>();
  private final Set<Integer> prepared = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  Lanes(
      Map<Service, StoreIsolation> stores,
      Map<Service, ServiceEndpoint> endpoints,
      Isolation isolation,
      int maxLane) {
    this.stores = new EnumMap<>(stores);
    this.endpoints = new EnumMap<>(endpoints);
    this.isolation = isolation;
    this.maxLane = maxLane;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "testlanes-lanes-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Lanes on the given services, with the schema scripts of {@code settings}; nothing is contacted
   * until {@link #initialise()} or the first {@link #prepare}.
   *
   * @param endpoints the run's services
   * @param maxLane the highest lane number the run needs now (the workers of the JVMs attached to
   *     it), checked against each store's capacity by {@link #initialise()}; a later lane above it
   *     is checked when it is prepared
   * @param loader where the schema scripts are
   * @throws io.testlanes.config.ConfigurationException if a schema script is not on the classpath
   * @throws IllegalStateException if a service's client driver is not on the classpath
   */
  public static Lanes open(
      Settings settings, Collection<ServiceEndpoint> endpoints, int maxLane, ClassLoader loader) {
    if (maxLane < 1) {
      throw new IllegalArgumentException("maxLane must be at least 1, got " + maxLane);
    }
    Map<Service, ServiceEndpoint> byService = new EnumMap<>(Service.class);
    for (ServiceEndpoint e : endpoints) {
      if (byService.put(e.service(), e) != null) {
        throw new IllegalArgumentException(
            "two endpoints for " + e.service().id() + ": " + endpoints);
      }
    }
    Map<Service, StoreIsolation> stores = new EnumMap<>(Service.class);
    try {
      for (ServiceEndpoint e : byService.values()) {
        requireDriver(e.service());
        stores.put(e.service(), isolationFor(e, settings, maxLane, loader));
      }
    } catch (RuntimeException e) {
      stores.values().forEach(StoreIsolation::close);
      throw e;
    }
    return new Lanes(stores, byService, settings.isolation(), maxLane);
  }

  /**
   * Finds the schema scripts and migrations of {@code settings} for {@code services} on {@code
   * loader}, before any service starts: a missing one fails at once, naming its key.
   *
   * @throws io.testlanes.config.ConfigurationException if a script or location is not there
   */
  public static void checkScripts(
      Settings settings, Collection<Service> services, ClassLoader loader) {
    if (services.contains(Service.POSTGRES)) {
      SchemaScript.load(settings.postgresSchema(), loader, Keys.POSTGRES_SCHEMA);
      FlywayMigrations.load(settings.postgresFlyway(), loader);
      LiquibaseChangelog.load(settings.postgresLiquibase(), loader);
    }
    if (services.contains(Service.CASSANDRA)) {
      SchemaScript.load(settings.cassandraSchema(), loader, Keys.CASSANDRA_SCHEMA);
    }
  }

  private static StoreIsolation isolationFor(
      ServiceEndpoint e, Settings settings, int maxLane, ClassLoader loader) {
    return switch (e.service()) {
      case POSTGRES ->
          new PostgresIsolation(
              e,
              SchemaScript.load(settings.postgresSchema(), loader, Keys.POSTGRES_SCHEMA),
              FlywayMigrations.load(settings.postgresFlyway(), loader),
              LiquibaseChangelog.load(settings.postgresLiquibase(), loader),
              PostgresIsolation.CloneStrategy.FILE_COPY,
              loader);
      case CASSANDRA ->
          new CassandraIsolation(
              e, SchemaScript.load(settings.cassandraSchema(), loader, Keys.CASSANDRA_SCHEMA));
      case REDIS ->
          new RedisIsolation(
              e, settings.isolation() == Isolation.SHARED ? LaneNames.SHARED : maxLane);
    };
  }

  private static void requireDriver(Service service) {
    try {
      Class.forName(service.driverClass(), false, Lanes.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          service.id()
              + " is a service of this run, but its client driver (class "
              + service.driverClass()
              + ") is not on the classpath. Fix: add the driver as a test dependency, or remove "
              + service.id()
              + " from "
              + Keys.SERVICES
              + ".",
          e);
    }
  }

  /** The services these lanes span. */
  public Collection<Service> services() {
    return stores.keySet();
  }

  public Isolation isolation() {
    return isolation;
  }

  /** The lane number that {@code lane} really uses: itself, or the shared lane. */
  public int effective(int lane) {
    if (lane < 1 || lane > LaneNames.MAX) {
      throw new IllegalArgumentException(
          "lane numbers of a run are 1.." + LaneNames.MAX + ", got " + lane);
    }
    return isolation == Isolation.SHARED ? LaneNames.SHARED : lane;
  }

  /** The facts of lane {@code lane} (the shared lane in shared isolation). */
  public Lane lane(int lane) {
    return new LaneImpl(effective(lane), endpoints);
  }

  /**
   * Once per run: builds the Postgres template and opens the Cassandra DDL session, on all stores
   * at once. Idempotent; {@link #prepare} calls it when needed.
   */
  public LaneTimings initialise() {
    return run("initialise", "run", Set.of(), StoreIsolation::initialise);
  }

  /** Makes {@code lane} ready and in the template's state on every store, at once. */
  public LaneTimings prepare(int lane) {
    return prepare(lane, true, LaneData.NONE);
  }

  /**
   * Makes {@code lane} ready on every store, at once, then runs {@code data}'s scripts in it. With
   * {@code reset} true the lane is in the template's state before the scripts run; with {@code
   * reset} false it keeps what its last holder left (a lane that is not there, or has another
   * schema, is made afresh; a lane these lanes prepared before is not even looked at).
   */
  public LaneTimings prepare(int lane, boolean reset, LaneData data) {
    return prepare(lane, reset, data, Set.of());
  }

  /**
   * As {@link #prepare(int, boolean, LaneData)}, on every store but those of {@code skip} (services
   * that died: nothing to prepare there).
   */
  public LaneTimings prepare(int lane, boolean reset, LaneData data, Set<Service> skip) {
    int k = effective(lane);
    return locked(
        k,
        () -> {
          if (!reset && data.isEmpty() && prepared.contains(k)) {
            return new LaneTimings("keep", LaneNames.of(k), Map.of(), Duration.ZERO);
          }
          boolean keep = !reset && prepared.contains(k);
          LaneTimings t =
              run(
                  reset ? "prepare" : "keep",
                  LaneNames.of(k),
                  skip,
                  s -> {
                    StoreTiming done;
                    if (keep) {
                      done = new StoreTiming(s.service(), Duration.ZERO, "kept");
                    } else {
                      done = reset ? s.prepare(k) : s.keep(k);
                    }
                    return withData(s, k, done, data);
                  });
          prepared.add(k);
          return t;
        });
  }

  /** Prepares several lanes at once (each on every store at once). */
  public List<LaneTimings> prepareAll(Collection<Integer> lanes) {
    initialise();
    List<Future<LaneTimings>> futures = new ArrayList<>();
    for (int lane : lanes) {
      futures.add(executor.submit(() -> prepare(lane)));
    }
    List<LaneTimings> out = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<LaneTimings> f : futures) {
      try {
        out.add(get(f));
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  /** Brings {@code lane} back to the template's state, on every store at once. */
  public LaneTimings reset(int lane) {
    return reset(lane, LaneData.NONE);
  }

  /**
   * Brings {@code lane} back to the template's state, on every store at once, then runs {@code
   * data}'s scripts in it.
   */
  public LaneTimings reset(int lane, LaneData data) {
    return reset(lane, data, Set.of());
  }

  /**
   * As {@link #reset(int, LaneData)}, on every store but those of {@code skip} (services that died:
   * nothing to reset there).
   */
  public LaneTimings reset(int lane, LaneData data, Set<Service> skip) {
    int k = effective(lane);
    return locked(
        k, () -> run("reset", LaneNames.of(k), skip, s -> withData(s, k, s.reset(k), data)));
  }

  /** Runs {@code data}'s scripts for {@code s}'s store after {@code done}, and times both. */
  private static StoreTiming withData(StoreIsolation s, int k, StoreTiming done, LaneData data) {
    List<SchemaScript> scripts = data.scripts(s.service());
    if (scripts.isEmpty()) {
      return done;
    }
    long start = System.nanoTime();
    StringBuilder detail = new StringBuilder(done.detail());
    for (SchemaScript script : scripts) {
      detail.append(", ").append(s.apply(k, script).detail());
    }
    return new StoreTiming(
        s.service(), done.took().plusNanos(System.nanoTime() - start), detail.toString());
  }

  /** Removes {@code lane} from every store. */
  public LaneTimings drop(int lane) {
    int k = effective(lane);
    return locked(
        k,
        () -> {
          prepared.remove(k);
          return run("drop", LaneNames.of(k), Set.of(), s -> s.drop(k));
        });
  }

  /** The strategy of one store, for tests and benchmarks. */
  StoreIsolation store(Service service) {
    StoreIsolation s = stores.get(service);
    if (s == null) {
      throw new IllegalStateException(service.id() + " is not a service of these lanes");
    }
    return s;
  }

  private LaneTimings locked(int lane, java.util.function.Supplier<LaneTimings> operation) {
    synchronized (laneLocks.computeIfAbsent(lane, k -> new Object())) {
      return operation.get();
    }
  }

  /**
   * Runs {@code op} on every store but those of {@code skip} at once (the last on this thread) and
   * collects the timings.
   */
  private LaneTimings run(
      String operation,
      String subject,
      Set<Service> skip,
      Function<StoreIsolation, StoreTiming> op) {
    if (closed) {
      throw new IllegalStateException("lanes are closed; cannot " + operation + " " + subject);
    }
    long start = System.nanoTime();
    List<StoreIsolation> all = new ArrayList<>();
    stores.forEach(
        (service, store) -> {
          if (!skip.contains(service)) {
            all.add(store);
          }
        });
    List<Future<StoreTiming>> futures = new ArrayList<>();
    for (int i = 0; i < all.size() - 1; i++) {
      StoreIsolation s = all.get(i);
      futures.add(executor.submit(() -> op.apply(s)));
    }
    Map<Service, StoreTiming> timings = new EnumMap<>(Service.class);
    RuntimeException failure = null;
    if (!all.isEmpty()) {
      StoreIsolation last = all.get(all.size() - 1);
      try {
        timings.put(last.service(), op.apply(last));
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    for (Future<StoreTiming> f : futures) {
      try {
        StoreTiming t = get(f);
        timings.put(t.service(), t);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    LaneTimings result =
        new LaneTimings(operation, subject, timings, Duration.ofNanos(System.nanoTime() - start));
    log.debug("{}", result);
    return result;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a lane operation");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(String.valueOf(cause), cause);
    }
  }

  /** Closes every store's connections; the lanes stay on the servers. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    executor.shutdownNow();
    @Nullable RuntimeException failure = null;
    for (StoreIsolation s : stores.values()) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

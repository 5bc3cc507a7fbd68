package io.testlanes.run;

import io.testlanes.Lane;
import io.testlanes.config.Isolation;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.lane.LaneData;
import io.testlanes.internal.lane.LaneTimings;
import io.testlanes.internal.lane.Lanes;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.run.Hosts;
import io.testlanes.internal.run.LaneCapacity;
import io.testlanes.internal.run.LaneLocks.LaneLock;
import io.testlanes.internal.run.RunClient;
import io.testlanes.internal.run.RunDirectory;
import io.testlanes.internal.run.WorkerPermits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One test run, as this JVM takes part in it: the run's services (started once for every JVM of the
 * run by its service host), this JVM's {@code testlanes.workers} worker permits, and the lanes
 * leased through them. Every integration of testlanes is built on this class.
 *
 * <p>{@link #join} gives every caller with the same settings in one JVM the same instance, so the
 * JUnit extension and the Spring module share permits and leases. Joining checks the configuration
 * and finds the schema scripts, but starts nothing; {@link #startInBackground()} or the first
 * {@link #awaitServices()} or {@link #lease} attaches to the host and starts the services. A failed
 * start is remembered: every later call gets the same failure at once.
 *
 * <p>Thread-safe.
 */
public final class TestRun implements AutoCloseable {
  private static final Log log = Log.get(TestRun.class);
  private static final Map<Key, TestRun> OPEN = new HashMap<>();
  private static @Nullable TestRun latest;

  private final Key key;
  private final Settings settings;
  private final ClassLoader loader;
  private final Set<Service> services;
  private final WorkerPermits permits;
  private final LaneClients clients = new LaneClients();
  private final List<LaneLease> held = new ArrayList<>();
  private final Map<List<String>, LaneData> dataScripts = new ConcurrentHashMap<>();
  private @Nullable CompletableFuture<Started> started;
  private @Nullable CompletableFuture<Opened> opened;
  private boolean closed;

  private record Key(Map<String, String> given, ClassLoader loader) {}

  /** What starting the services gave: the host attachment and the services. */
  private record Started(
      RunClient client,
      Map<Service, ServiceEndpoint> endpoints,
      Map<Service, ServiceInfo> services,
      int neededLanes) {}

  /** The lanes on the services, with their template built. */
  private record Opened(Lanes lanes, Duration initialised) {}

  private TestRun(Key key, Settings settings, ClassLoader loader) {
    this.key = key;
    this.settings = settings;
    this.loader = loader;
    this.services = servicesOf(settings, loader);
    Lanes.checkScripts(settings, services, loader);
    this.permits = new WorkerPermits(settings.workers());
  }

  /**
   * This JVM's test run with {@code settings}: the same instance for every caller with equal
   * settings and class loader until it is closed. Starts nothing.
   *
   * @param loader where the client drivers (which select the services by default), the schema
   *     scripts and the migrations are
   * @throws io.testlanes.config.ConfigurationException if a schema script or migration location is
   *     missing
   * @throws IllegalStateException if no service is configured and no client driver is on the class
   *     path
   */
  public static TestRun join(Settings settings, ClassLoader loader) {
    Key key = new Key(settings.given(), loader);
    synchronized (OPEN) {
      TestRun run = OPEN.get(key);
      if (run == null) {
        run = new TestRun(key, settings, loader);
        OPEN.put(key, run);
      }
      latest = run;
      return run;
    }
  }

  /** The test run this JVM joined last and has not closed, if any. */
  public static Optional<TestRun> current() {
    synchronized (OPEN) {
      return Optional.ofNullable(latest);
    }
  }

  private static Set<Service> servicesOf(Settings settings, ClassLoader loader) {
    Set<Service> s = settings.servicesFor(loader);
    if (s.isEmpty()) {
      throw new IllegalStateException(
          "testlanes found no service to start: no client driver of Postgres (org.postgresql:"
              + "postgresql), Redis (redis.clients:jedis) or Cassandra (org.apache.cassandra:"
              + "java-driver-core) is on the test class path. Fix: add the drivers your tests use,"
              + " or set "
              + Keys.SERVICES
              + ".");
    }
    return s;
  }

  public Settings settings() {
    return settings;
  }

  /** The run id: JVMs with the same run id and host settings share one service host. */
  public String id() {
    return settings.runId().orElseGet(RunDirectory::defaultRunId);
  }

  /** The services of this run: those configured, else those whose driver is on the class path. */
  public Set<Service> services() {
    return services;
  }

  /**
   * The session of the run this JVM takes part in: one test invocation (the forks of one {@code mvn
   * test}, one IDE run), whose JVMs make one run report. Attaches to the run's host (starting it if
   * needed) but starts no service.
   */
  public String session() {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("this test run is closed");
      }
    }
    return RunClient.shared(settings).session();
  }

  /** This JVM's worker count: at most this many lanes are held here at once. */
  public int workers() {
    return settings.workers();
  }

  /**
   * Starts, in the background, attaching to the run's host, the services and then the lanes'
   * template (if nobody did yet). Returns at once.
   */
  public void startInBackground() {
    opened();
  }

  private synchronized CompletableFuture<Started> started() {
    if (closed) {
      throw new IllegalStateException("this test run is closed");
    }
    CompletableFuture<Started> f = started;
    if (f == null) {
      f = CompletableFuture.supplyAsync(this::start);
      started = f;
    }
    return f;
  }

  private synchronized CompletableFuture<Opened> opened() {
    CompletableFuture<Opened> f = opened;
    if (f == null) {
      f = started().thenApplyAsync(this::open);
      opened = f;
    }
    return f;
  }

  private Started start() {
    long t0 = System.nanoTime();
    RunClient client = RunClient.shared(settings);
    // A service that died earlier in the run is left out: the tests that use it fail with the
    // message of its death, those of the other services run.
    Set<Service> alive = EnumSet.noneOf(Service.class);
    alive.addAll(services);
    alive.removeAll(client.deadServices());
    if (alive.isEmpty()) {
      client.requireAlive(services);
    }
    Map<Service, ServiceEndpoint> endpoints = new EnumMap<>(client.ensure(alive));
    Map<Service, Duration> ready = client.readyTimes();
    int needed = 1;
    if (settings.isolation() != Isolation.SHARED) {
      needed = client.announce(settings.workers());
      LaneCapacity.check(endpoints.values(), needed, settings.workers());
    }
    log.info(
        "testlanes: {} ready for this JVM in {} ms (run {})",
        services,
        Duration.ofNanos(System.nanoTime() - t0).toMillis(),
        client.runDirectory().runId());
    Map<Service, ServiceInfo> infos = new EnumMap<>(Service.class);
    endpoints.forEach(
        (s, e) ->
            infos.put(
                s,
                new ServiceInfo(
                    s,
                    e.host(),
                    e.port(),
                    e.user(),
                    e.password(),
                    ready.getOrDefault(s, Duration.ZERO))));
    return new Started(client, endpoints, Collections.unmodifiableMap(infos), needed);
  }

  private Opened open(Started s) {
    long t0 = System.nanoTime();
    Lanes lanes = Lanes.open(settings, s.endpoints().values(), s.neededLanes(), loader);
    try {
      LaneTimings t = lanes.initialise();
      log.info("testlanes: {}", t);
    } catch (RuntimeException | Error e) {
      lanes.close();
      throw e;
    }
    return new Opened(lanes, Duration.ofNanos(System.nanoTime() - t0));
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("testlanes could not start the services: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the testlanes services", e);
    }
  }

  /**
   * Waits until the run's services are ready and the lanes' template is built, and returns the
   * services.
   *
   * @throws RuntimeException the start failure, the same for every caller: which service, why, the
   *     tail of its log
   */
  public Map<Service, ServiceInfo> awaitServices() {
    Started s = await(started());
    s.client().requireAlive(Set.of());
    return s.services();
  }

  /**
   * Waits until the lanes' template is built (the services first), and returns how long this JVM
   * took to open the lanes and build (or find) their template.
   */
  public Duration awaitLanes() {
    return await(opened()).initialised();
  }

  /**
   * Leases a lane: one of this JVM's worker permits (when several requests wait, the highest {@link
   * LeaseRequest#priority()} first), then a lane no other worker of the run holds (a preferred one
   * if free), prepared: created from the template, or reset to the template's state if earlier
   * holders used it (unless the request says not to: then only the lane's first holder in this
   * run's session gets it reset, later ones get what earlier ones left), then the request's data
   * scripts run in it. Waits up to {@code testlanes.leaseTimeout} in all.
   *
   * @throws IllegalArgumentException if a data script of the request is missing or has no store of
   *     this run (see {@link #checkData})
   * @throws IllegalStateException if no lane became free in time (the message names the holders),
   *     or the lane could not be prepared; if the run's host is gone or was stopped by {@code
   *     down}, or a service the request uses died (the message says which, how, and ends with its
   *     log)
   */
  public LaneLease lease(LeaseRequest request) {
    Started s = await(started());
    Set<Service> used = request.services().isEmpty() ? services : request.services();
    s.client().requireAlive(used);
    Lanes lanes = await(opened()).lanes();
    Duration timeout = settings.leaseTimeout();
    long t0 = System.nanoTime();
    try {
      if (!permits.tryAcquire(request.priority(), timeout)) {
        throw new IllegalStateException(
            "no lane became free within "
                + timeout.toSeconds()
                + " s for "
                + request.holder()
                + ": all "
                + settings.workers()
                + " workers of this JVM hold one: "
                + heldHere()
                + ". Fix: look for a test that hangs, or raise "
                + Keys.LEASE_TIMEOUT
                + ".");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for a lane for " + request.holder(), e);
    }
    LaneLock lock = null;
    try {
      Duration left = timeout.minusNanos(System.nanoTime() - t0);
      lock =
          s.client()
              .locks()
              .lock(
                  request.holder(), left.isNegative() ? Duration.ZERO : left, request.preferred());
      long p0 = System.nanoTime();
      LaneData data = data(request.data());
      // A kept lane is this run's: its first holder in the session brings it to the template's
      // state, so that a run never starts on what an earlier run left.
      String session = s.client().session();
      boolean reset = request.resetAtLease() || !lock.preparedIn(session);
      LaneTimings prepared = lanes.prepare(lock.number(), reset, data, s.client().deadServices());
      if (reset) {
        lock.prepared(session);
      }
      Lane lane = lanes.lane(lock.number());
      log.debug("testlanes: {} for {}", prepared, request.holder());
      LaneLease lease =
          new LaneLease(
              this,
              lock,
              lane,
              request.holder(),
              data,
              used,
              Duration.ofNanos(System.nanoTime() - p0));
      synchronized (held) {
        held.add(lease);
      }
      return lease;
    } catch (TimeoutException e) {
      permits.release();
      throw new IllegalStateException(
          e.getMessage() + " (waiting for " + request.holder() + ")", e);
    } catch (InterruptedException e) {
      permits.release();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for a lane for " + request.holder(), e);
    } catch (RuntimeException | Error e) {
      if (lock != null) {
        lock.close();
      }
      permits.release();
      throw e;
    }
  }

  /**
   * Finds the data scripts at {@code locations} (see {@link LeaseRequest#data()}), so that a
   * missing one fails before anything is leased. {@link #lease} checks them too.
   *
   * @throws IllegalArgumentException if a script is not on the class path, its name ends neither in
   *     {@code .sql} nor {@code .cql}, or it is for a store that is not a service of this run
   */
  public void checkData(List<String> locations) {
    data(locations);
  }

  private LaneData data(List<String> locations) {
    return dataScripts.computeIfAbsent(
        List.copyOf(locations), l -> LaneData.load(l, loader, services));
  }

  private String heldHere() {
    synchronized (held) {
      return held.stream()
          .map(l -> l.lane().name() + " by " + l.holder())
          .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /**
   * Resets {@code lease}'s lane to the template's state on every store; returns how long it took.
   */
  Duration reset(LaneLease lease) {
    RunClient client = await(started()).client();
    client.requireAlive(lease.services());
    LaneTimings t =
        await(opened()).lanes().reset(lease.lockNumber(), lease.data(), client.deadServices());
    log.debug("testlanes: {}", t);
    return t.wall();
  }

  /** See {@link LaneLease#requireAlive()}. */
  void requireAlive(LaneLease lease) {
    await(started()).client().requireAlive(lease.services());
  }

  /** Removes {@code lease}'s lane from every store. */
  void discard(LaneLease lease) {
    Lanes lanes = await(opened()).lanes();
    log.debug("testlanes: {}", lanes.drop(lease.lockNumber()));
  }

  /** Gives back {@code lease}'s permit; its lock is released by the lease. */
  void released(LaneLease lease) {
    synchronized (held) {
      held.remove(lease);
    }
    permits.release();
  }

  /** Clients of this run's lanes, closed with it. */
  public LaneClients clients() {
    return clients;
  }

  /**
   * Ends this JVM's use of the run with these settings: closes the clients and the lanes'
   * connections (the lanes stay on the servers for the next holder). Leases still held are not
   * released here: their holders close them. The host and its services keep running for other JVMs
   * and stop once none is attached; see {@link #down}.
   */
  @Override
  public void close() throws Exception {
    CompletableFuture<Opened> f;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      f = opened;
    }
    synchronized (OPEN) {
      OPEN.remove(key, this);
      if (latest == this) {
        latest = null;
      }
    }
    List<AutoCloseable> closing = new ArrayList<>();
    closing.add(clients);
    if (f != null) {
      if (f.isDone()) {
        if (!f.isCompletedExceptionally()) {
          closing.add(f.join().lanes());
        }
      } else {
        f.thenAccept(o -> o.lanes().close()); // still starting: close the lanes once opened
      }
    }
    Closing.closeAll(closing);
  }

  /** The live runs of {@code settings}' project (of every project with {@code all}). */
  public static List<RunStatus> status(Settings settings, boolean all) {
    List<RunStatus> out = new ArrayList<>();
    for (RunDirectory dir : Hosts.of(settings, all)) {
      try {
        Map<String, String> s = Hosts.status(dir);
        if (s != null) {
          out.add(RunStatus.parse(s));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot ask the testlanes host in " + dir + " for its status", e);
      }
    }
    return out;
  }

  /**
   * Stops the services of {@code settings}' project now (every project's with {@code all}) unless
   * JVMs are attached to them, and waits up to {@code wait} for each host to be gone. Returns the
   * run ids stopped. See {@link #down(Settings, boolean, boolean, Duration)}.
   */
  public static List<String> down(Settings settings, boolean all, Duration wait)
      throws InterruptedException {
    return down(settings, all, false, wait);
  }

  /**
   * Stops the services of {@code settings}' project now (every project's with {@code all}), and
   * waits up to {@code wait} for each host to be gone. Returns the run ids stopped. This JVM
   * detaches from them first.
   *
   * @param force stop them even while other JVMs are attached: each of those fails its next use of
   *     the run (a lease, a reset, the check before each test) with a message saying that down
   *     stopped the services
   * @throws IllegalStateException without {@code force}, if JVMs are attached to some of the runs:
   *     those are left running (the others are stopped), and the message lists the attached JVMs
   *     (pid and command line) of each
   */
  public static List<String> down(Settings settings, boolean all, boolean force, Duration wait)
      throws InterruptedException {
    List<String> stopped = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (RunDirectory dir : Hosts.of(settings, all)) {
      try {
        if (Hosts.down(dir, force, wait)) {
          stopped.add(dir.runId());
        }
      } catch (IllegalStateException e) {
        refused.add(e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot tell the testlanes host in " + dir + " to stop", e);
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalStateException(
          (stopped.isEmpty() ? "" : "stopped the services of " + stopped + "; ")
              + String.join("\n", refused));
    }
    return stopped;
  }
}

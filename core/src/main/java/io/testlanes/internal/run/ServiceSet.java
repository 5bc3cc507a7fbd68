package io.testlanes.internal.run;

import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceBackend;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.log.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The services of one run, each started at most once, on first demand, concurrently with the
 * others. A failed start is remembered: every later request gets the same failure at once, never a
 * retry or a hang (STYLE 4). So is a death: a service that ends by itself after it started (killed,
 * crashed) is noticed as it happens, cleaned up, and every later request for it fails with which
 * service died, how, and the tail of its log; the other services go on. Closing stops everything
 * that started.
 */
public final class ServiceSet implements AutoCloseable {
  private static final Log log = Log.get(ServiceSet.class);
  private static final int DEATH_LOG_LINES = 20;

  private final ServiceBackend backend;
  private final StartContext context;
  private final ExecutorService starter;
  private final Map<Service, CompletableFuture<RunningService>> started =
      new EnumMap<>(Service.class);
  private final Map<Service, AtomicInteger> starts = new EnumMap<>(Service.class);
  private final Map<Service, Instant> startedAt = new EnumMap<>(Service.class);
  private final Map<Service, String> deaths = new EnumMap<>(Service.class);
  private final List<CompletableFuture<Void>> buried = new ArrayList<>();
  private final BiConsumer<Service, String> onDeath;
  private boolean closed;

  /** A set whose deaths are only logged. */
  public ServiceSet(ServiceBackend backend, StartContext context) {
    this(backend, context, (s, m) -> {});
  }

  /**
   * @param onDeath told, once, of each service that died: the service and the message every later
   *     use of it fails with
   */
  public ServiceSet(
      ServiceBackend backend, StartContext context, BiConsumer<Service, String> onDeath) {
    this.backend = backend;
    this.context = context;
    this.onDeath = onDeath;
    this.starter =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "testlanes-start");
              t.setDaemon(true);
              return t;
            });
    for (Service s : Service.values()) {
      starts.put(s, new AtomicInteger());
    }
  }

  public StartContext context() {
    return context;
  }

  /**
   * Starts those of {@code services} that are not started yet, concurrently, and waits for all of
   * them.
   *
   * @throws ServiceStartException naming every service among them that failed, with its cause
   */
  public Map<Service, RunningService> ensure(Collection<Service> services) {
    List<CompletableFuture<RunningService>> futures = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the services of this run are already stopped");
      }
      List<String> dead = new ArrayList<>();
      for (Service s : services) {
        String death = deaths.get(s);
        if (death != null) {
          dead.add(death);
        }
      }
      if (!dead.isEmpty()) {
        throw new IllegalStateException(String.join("\n", dead));
      }
      for (Service s : services) {
        futures.add(started.computeIfAbsent(s, this::launch));
      }
    }
    Map<Service, RunningService> result = new LinkedHashMap<>();
    List<RuntimeException> failures = new ArrayList<>();
    for (CompletableFuture<RunningService> f : futures) {
      try {
        RunningService rs = f.get();
        result.put(rs.endpoint().service(), rs);
      } catch (ExecutionException e) {
        failures.add(asRuntime(e.getCause() == null ? e : e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for services to start", e);
      }
    }
    if (!failures.isEmpty()) {
      throw ServiceStartException.combine(failures);
    }
    return result;
  }

  private CompletableFuture<RunningService> launch(Service s) {
    starts.computeIfAbsent(s, x -> new AtomicInteger()).incrementAndGet();
    startedAt.put(s, Instant.now());
    log.info("{}: starting…", s.id());
    return CompletableFuture.supplyAsync(
        () -> {
          RunningService rs = backend.start(s, context);
          rs.death().thenAccept(how -> died(s, rs, how));
          return rs;
        },
        starter);
  }

  /**
   * {@code rs} of {@code s} ended by itself: remembers it (every later {@link #ensure} of it fails
   * with the message), tells {@code onDeath}, and removes what is left of it (its directory, its
   * shared memory, processes of its group).
   */
  private void died(Service s, RunningService rs, String how) {
    String message =
        s.id()
            + " died during this run: "
            + how
            + ". Tests that use "
            + s.id()
            + " fail from now on; the others go on."
            + logTail(s, rs);
    synchronized (this) {
      if (closed || deaths.containsKey(s)) {
        return;
      }
      deaths.put(s, message);
      started.put(s, CompletableFuture.failedFuture(new IllegalStateException(message)));
      buried.add(CompletableFuture.runAsync(() -> stop(rs), starter));
    }
    log.error("{}", message);
    onDeath.accept(s, message);
  }

  private static String logTail(Service s, RunningService rs) {
    String tail = rs.logTail(DEATH_LOG_LINES).strip();
    return tail.isEmpty() ? "" : "\n--- last lines of the " + s.id() + " log ---\n" + tail;
  }

  /** The services that died, with the message every use of them fails with. */
  public synchronized Map<Service, String> deaths() {
    return new EnumMap<>(deaths);
  }

  private static RuntimeException asRuntime(Throwable t) {
    if (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof RuntimeException r
        ? r
        : new IllegalStateException("service start failed: " + t, t);
  }

  /** Services started (or starting) so far, with the number of times each was started. */
  public synchronized Map<Service, Integer> startCounts() {
    Map<Service, Integer> m = new EnumMap<>(Service.class);
    starts.forEach(
        (s, n) -> {
          if (n.get() > 0) {
            m.put(s, n.get());
          }
        });
    return m;
  }

  /** The services that are up, by service. */
  public synchronized Map<Service, RunningService> running() {
    Map<Service, RunningService> m = new EnumMap<>(Service.class);
    started.forEach(
        (s, f) -> {
          if (f.isDone() && !f.isCompletedExceptionally()) {
            m.put(s, f.join());
          }
        });
    return m;
  }

  /** When each service's start was requested. */
  public synchronized Map<Service, Instant> startedAt() {
    return new EnumMap<>(startedAt);
  }

  /** Stops {@code rs} and removes what it left; a failure is logged (others still stop). */
  private static void stop(RunningService rs) {
    long t0 = System.nanoTime();
    String id = rs.endpoint().service().id();
    try {
      rs.close();
      log.info("{} stopped in {}", id, Durations.format(Duration.ofNanos(System.nanoTime() - t0)));
    } catch (RuntimeException e) {
      log.warn("{} did not stop cleanly", id, e);
    }
  }

  /** Stops every started service, concurrently; waits for starts in progress first. */
  @Override
  public void close() {
    List<CompletableFuture<RunningService>> all;
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(started.values());
      stops.addAll(buried); // the dead are being cleaned up
    }
    for (CompletableFuture<RunningService> f : all) {
      stops.add(
          f.handle((rs, err) -> rs)
              .thenAcceptAsync(
                  rs -> {
                    if (rs != null) {
                      stop(rs);
                    }
                  },
                  starter));
    }
    try {
      CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0])).join();
    } finally {
      starter.shutdownNow();
    }
  }
}

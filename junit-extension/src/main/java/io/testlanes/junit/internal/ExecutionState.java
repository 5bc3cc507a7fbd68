package io.testlanes.junit.internal;

import io.testlanes.Lane;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.lane.LaneTimings;
import io.testlanes.internal.lane.Lanes;
import io.testlanes.internal.run.LaneLeases;
import io.testlanes.internal.run.LaneLeases.LaneLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension's state for one engine execution, kept in the root context's store and closed with
 * it: the settings, the lanes on the run's services, this JVM's worker permits and the client
 * objects handed to tests.
 */
public final class ExecutionState implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutionState.class);

  private final Settings settings;
  private final ClassLoader loader;
  private final Semaphore permits;
  private @Nullable PostgresClients postgres;
  private @Nullable CassandraClients cassandra;
  private @Nullable RedisClients redis;
  private volatile JvmRun.@Nullable Ready ready;
  private volatile @Nullable Lanes lanes;
  private boolean reportedServices;

  private ExecutionState(Settings settings, ClassLoader loader) {
    this.settings = settings;
    this.loader = loader;
    this.permits = new Semaphore(settings.workers(), true);
  }

  /** Settings of this execution: system properties, environment, then JUnit parameters. */
  public static Settings settingsOf(ExtensionContext context) {
    return JunitSettings.load(context);
  }

  static ExecutionState create(ExtensionContext root) {
    Settings settings = settingsOf(root);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ExecutionState.class.getClassLoader();
    }
    return new ExecutionState(settings, loader);
  }

  public Settings settings() {
    return settings;
  }

  /** The run's services for this JVM, started on first call. */
  public JvmRun.Ready ready(ExtensionContext context) {
    JvmRun.Ready r = ready;
    if (r == null) {
      synchronized (this) {
        r = ready;
        if (r == null) {
          r = JvmRun.await(settings, loader);
          ready = r;
        }
        if (!reportedServices) {
          reportedServices = true;
          r.readyTimes()
              .forEach(
                  (s, d) ->
                      context
                          .getRoot()
                          .publishReportEntry(
                              io.testlanes.junit.internal.report.ReportEntries.serviceReadyMillis(
                                  s.id()),
                              Long.toString(d.toMillis())));
        }
      }
    }
    return r;
  }

  private Lanes lanes(ExtensionContext context) {
    Lanes l = lanes;
    if (l == null) {
      synchronized (this) {
        l = lanes;
        if (l == null) {
          JvmRun.Ready r = ready(context);
          l = Lanes.open(settings, r.endpoints().values(), LaneLeases.MAX_LANES, loader);
          LaneTimings t = l.initialise();
          log.info("testlanes: {}", t);
          lanes = l;
        }
      }
    }
    return l;
  }

  /**
   * Leases a lane for {@code holder}: one of this JVM's {@code testlanes.workers} permits, then a
   * lane no other worker of the run holds, prepared (created, or emptied if reused). Waits up to
   * {@code testlanes.leaseTimeout}.
   */
  LaneHolder lease(ExtensionContext context, String holder) {
    Lanes l = lanes(context);
    Duration timeout = settings.leaseTimeout();
    long t0 = System.nanoTime();
    try {
      if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "no lane became free within "
                + timeout.toSeconds()
                + " s for "
                + holder
                + ": all "
                + settings.workers()
                + " workers of this JVM hold one: "
                + LaneLeases.leased(ready(context).client().runDirectory())
                + ". Fix: look for a test that hangs, or raise "
                + Keys.LEASE_TIMEOUT
                + ".");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a lane for " + holder, e);
    }
    LaneLease lease = null;
    try {
      Duration left = timeout.minusNanos(System.nanoTime() - t0);
      lease =
          ready(context).client().leases().lease(holder, left.isNegative() ? Duration.ZERO : left);
      LaneTimings prepared = l.prepare(lease.number());
      Lane lane = l.lane(lease.number());
      context.publishReportEntry(
          io.testlanes.junit.internal.report.ReportEntries.lanePrepareMillis(lane.name()),
          Long.toString(prepared.wall().toMillis()));
      log.debug("testlanes: {} for {}", prepared, holder);
      return new LaneHolder(lease, permits, lane);
    } catch (TimeoutException e) {
      permits.release();
      throw new IllegalStateException(e.getMessage() + " (waiting for " + holder + ")", e);
    } catch (InterruptedException e) {
      permits.release();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a lane for " + holder, e);
    } catch (RuntimeException | Error e) {
      if (lease != null) {
        lease.close();
      }
      permits.release();
      throw e;
    }
  }

  /** Empties the lane's data on every store. */
  void reset(ExtensionContext context, LaneHolder holder) {
    LaneTimings t = lanes(context).reset(holder.leaseNumber());
    log.debug("testlanes: {}", t);
  }

  /** The services of this run, for error messages. */
  java.util.Set<Service> services(ExtensionContext context) {
    return ready(context).services();
  }

  /** Postgres clients of this execution (made on first use). */
  synchronized PostgresClients postgres() {
    PostgresClients c = postgres;
    if (c == null) {
      c = new PostgresClients();
      postgres = c;
    }
    return c;
  }

  /** Cassandra sessions of this execution (made on first use, closed with it). */
  synchronized CassandraClients cassandra() {
    CassandraClients c = cassandra;
    if (c == null) {
      c = new CassandraClients();
      cassandra = c;
    }
    return c;
  }

  /** Redis clients of this execution (made on first use, closed with it). */
  synchronized RedisClients redis() {
    RedisClients c = redis;
    if (c == null) {
      c = new RedisClients();
      redis = c;
    }
    return c;
  }

  @Override
  public void close() throws Exception {
    List<AutoCloseable> closing = new ArrayList<>();
    synchronized (this) {
      if (cassandra != null) {
        closing.add(cassandra);
      }
      if (redis != null) {
        closing.add(redis);
      }
      cassandra = null;
      redis = null;
      postgres = null;
    }
    Lanes l = lanes;
    lanes = null;
    if (l != null) {
      closing.add(l);
    }
    Closing.closeAll(closing);
  }
}

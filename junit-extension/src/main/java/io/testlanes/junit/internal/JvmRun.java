package io.testlanes.junit.internal;

import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.run.RunClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's services: attached to the run's host once, the services ensured once. The first
 * caller's settings decide (they are the same for every caller of one test run). A failure is
 * remembered: every later caller gets it at once, with its cause.
 */
public final class JvmRun {
  private static final Logger log = LoggerFactory.getLogger(JvmRun.class);
  private static final Object LOCK = new Object();
  private static @Nullable CompletableFuture<Ready> ready;
  private static volatile boolean listenerSeen;

  private JvmRun() {}

  /** The run's client and the endpoints of its services. */
  public record Ready(
      RunClient client,
      Set<Service> services,
      Map<Service, ServiceEndpoint> endpoints,
      Map<Service, Duration> readyTimes) {}

  /**
   * Starts, in the background, attaching to the run and the services that {@code settings} ask for,
   * if nobody did yet.
   */
  public static CompletableFuture<Ready> start(Settings settings, ClassLoader loader) {
    synchronized (LOCK) {
      CompletableFuture<Ready> f = ready;
      if (f == null) {
        f = CompletableFuture.supplyAsync(() -> connect(settings, loader));
        ready = f;
      }
      return f;
    }
  }

  /**
   * Waits for the run and for the services that {@code settings} ask for (starting those the first
   * caller did not ask for); throws the start failure, the same for every caller.
   */
  public static Ready await(Settings settings, ClassLoader loader) {
    Ready first;
    try {
      first = start(settings, loader).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("testlanes could not start the services: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the testlanes services", e);
    }
    Set<Service> services = services(settings, loader);
    if (first.services().equals(services)) {
      return first;
    }
    Map<Service, ServiceEndpoint> endpoints = first.client().ensure(services);
    return new Ready(first.client(), services, endpoints, first.client().readyTimes());
  }

  private static Set<Service> services(Settings settings, ClassLoader loader) {
    Set<Service> services = settings.servicesFor(loader);
    if (services.isEmpty()) {
      throw new IllegalStateException(
          "@TestLanes found no service to start: no client driver of Postgres (org.postgresql:"
              + "postgresql), Redis (redis.clients:jedis) or Cassandra (org.apache.cassandra:"
              + "java-driver-core) is on the test classpath. Fix: add the drivers your tests use,"
              + " or set testlanes.services.");
    }
    return services;
  }

  private static Ready connect(Settings settings, ClassLoader loader) {
    Set<Service> services = services(settings, loader);
    long t0 = System.nanoTime();
    RunClient client = RunClient.shared(settings);
    Map<Service, ServiceEndpoint> endpoints = client.ensure(services);
    log.info(
        "testlanes: {} ready for this JVM in {} ms (run {})",
        services,
        Duration.ofNanos(System.nanoTime() - t0).toMillis(),
        client.runDirectory().runId());
    return new Ready(client, services, endpoints, client.readyTimes());
  }

  /** Called by the launcher listener: the extension then knows the listener is registered. */
  public static void listenerSeen() {
    listenerSeen = true;
  }

  public static boolean wasListenerSeen() {
    return listenerSeen;
  }
}

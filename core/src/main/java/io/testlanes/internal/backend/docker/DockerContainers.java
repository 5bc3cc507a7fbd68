package io.testlanes.internal.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.RoundTrips;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.log.Log;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerFetchException;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** Starts one service's container with Testcontainers and waits for a real round trip. */
final class DockerContainers {
  static final String LOOPBACK = "127.0.0.1";
  static final String SERVICE_LABEL = "io.testlanes.service";
  static final String RUN_LABEL = "io.testlanes.run";

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  /**
   * A first pull of an official image on a slow line may take minutes; a failing one fails fast.
   */
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

  private DockerContainers() {}

  static RunningService start(Service service, StartContext context) {
    Log log = Log.get("io.testlanes.docker." + service.id());
    long started = System.nanoTime();
    Duration timeout = context.settings().startTimeout();
    URI dockerHost = dockerHost(service);
    boolean local = isLocal(dockerHost);

    ContainerSpec spec = ContainerSpec.of(service, context.settings(), context.lanes());
    ensureImage(spec, log);
    LogTail tail = new LogTail(400);
    WatchedContainer container =
        new WatchedContainer(DockerImageName.parse(spec.image()), context.watchdog())
            .withExposedPorts(spec.port())
            .withEnv(spec.env())
            .withTmpFs(Map.of(spec.dataDir(), "rw"))
            .withLabel(SERVICE_LABEL, service.id())
            .withLogConsumer(tail)
            .waitingFor(
                Wait.forLogMessage(spec.readyLog(), spec.readyLogTimes())
                    .withStartupTimeout(timeout));
    context.settings().runId().ifPresent(id -> container.withLabel(RUN_LABEL, id));
    if (!spec.command().isEmpty()) {
      container.withCommand(spec.command().toArray(String[]::new));
    }
    spec.files()
        .forEach((path, text) -> container.withCopyToContainer(Transferable.of(text), path));
    if (local) {
      container.withCreateContainerCmdModifier(DockerContainers::publishOnLoopbackOnly);
    }

    log.debug("{}: starting image {} on Docker at {}", service.id(), spec.image(), dockerHost);
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      ContainerFetchException fetch = find(e, ContainerFetchException.class);
      if (fetch != null) {
        throw imageMissing(spec, rootMessage(fetch), e);
      }
      throw new ServiceStartException(
          service,
          "the container of image '"
              + spec.image()
              + "' was not ready ("
              + describe(e)
              + "); expected its log to show '"
              + spec.readyLog()
              + "' "
              + spec.readyLogTimes()
              + " time(s) within "
              + seconds(timeout)
              + ". Is the image a "
              + service.id()
              + " image? If the machine is just slow, raise "
              + Keys.START_TIMEOUT,
          tail.last(40),
          e);
    }

    ServiceEndpoint endpoint =
        new ServiceEndpoint(
            service,
            local ? LOOPBACK : container.getHost(),
            container.getMappedPort(spec.port()),
            spec.user(),
            spec.password(),
            spec.attributes());
    Duration left = timeout.minusNanos(System.nanoTime() - started);
    try {
      endpoint = RoundTrips.await(endpoint, left.isNegative() ? Duration.ofSeconds(1) : left);
      if (spec.replacesPassword()) {
        endpoint = RoundTrips.replacePassword(endpoint, ContainerSpec.newPassword());
      }
    } catch (Exception e) {
      String logs = tail.last(40);
      container.stop();
      throw new ServiceStartException(
          service,
          "the container of image '"
              + spec.image()
              + "' started, but "
              + endpoint.address()
              + " did not answer a round trip within "
              + seconds(timeout)
              + " ("
              + describe(e)
              + ")",
          logs,
          e);
    }
    Duration ready = Duration.ofNanos(System.nanoTime() - started);
    log.info(
        "{} ready on {} in {} s (docker image {})",
        service.id(),
        endpoint.address(),
        String.format(Locale.ROOT, "%.1f", ready.toMillis() / 1000.0),
        spec.image());
    return new RunningService(endpoint, ready, new DockerService(container, tail));
  }

  /**
   * Makes sure the engine has the image: one pull attempt if it has not. Testcontainers would retry
   * a failing pull for two minutes (several times over), which is no use when there is no registry.
   */
  private static void ensureImage(ContainerSpec spec, Log log) {
    DockerClient client = DockerClientFactory.instance().client();
    try {
      client.inspectImageCmd(spec.image()).exec();
      return;
    } catch (NotFoundException notLocal) {
      log.info(
          "{}: pulling image {}, which this Docker engine does not have",
          spec.service().id(),
          spec.image());
    }
    DockerImageName name = DockerImageName.parse(spec.image());
    try {
      boolean done =
          client
              .pullImageCmd(name.getUnversionedPart())
              .withTag(name.getVersionPart())
              .exec(new PullImageResultCallback())
              .awaitCompletion(PULL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        throw imageMissing(spec, "the pull did not finish within " + seconds(PULL_TIMEOUT), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw imageMissing(spec, "interrupted while pulling", e);
    } catch (RuntimeException e) {
      throw imageMissing(spec, rootMessage(e), e);
    }
  }

  private static ServiceStartException imageMissing(
      ContainerSpec spec, String why, @Nullable Throwable cause) {
    String message =
        "image '"
            + spec.image()
            + "' is not on this Docker engine and could not be pulled ("
            + why
            + "). Pull it (docker pull "
            + spec.image()
            + "), set "
            + spec.imageKey()
            + " to an image this engine has (without a registry: bash ci/images/build-all.sh"
            + " builds testlanes/"
            + spec.service().id()
            + " images), or run without Docker: -D"
            + Keys.BACKEND
            + "=embedded";
    return cause == null
        ? new ServiceStartException(spec.service(), message, "")
        : new ServiceStartException(spec.service(), message, "", cause);
  }

  /** The engine Testcontainers talks to; a clear error if there is none. */
  private static URI dockerHost(Service service) {
    try {
      DockerClientFactory factory = DockerClientFactory.instance();
      factory.client();
      return factory.getTransportConfig().getDockerHost();
    } catch (RuntimeException e) {
      throw DockerAvailability.unavailable(
          service,
          "Testcontainers found no working Docker environment (" + rootMessage(e) + ")",
          e);
    }
  }

  /** Whether ports published on the engine's 127.0.0.1 are this machine's 127.0.0.1. */
  static boolean isLocal(URI dockerHost) {
    String scheme = String.valueOf(dockerHost.getScheme());
    if (scheme.equals("unix") || scheme.equals("npipe")) {
      return true;
    }
    String host = dockerHost.getHost();
    return host != null && LOCAL_HOSTS.contains(host);
  }

  /**
   * Rewrites the port bindings Testcontainers made (host IP empty = every interface) to bind on
   * 127.0.0.1 only, keeping the host port (random when none was given).
   */
  static void publishOnLoopbackOnly(CreateContainerCmd cmd) {
    HostConfig hostConfig = cmd.getHostConfig();
    if (hostConfig == null || hostConfig.getPortBindings() == null) {
      return;
    }
    Ports loopback = new Ports();
    for (Map.Entry<ExposedPort, Ports.Binding[]> e :
        hostConfig.getPortBindings().getBindings().entrySet()) {
      Ports.Binding[] bindings = e.getValue();
      if (bindings == null || bindings.length == 0) {
        loopback.bind(e.getKey(), Ports.Binding.bindIp(LOOPBACK));
        continue;
      }
      for (Ports.Binding b : bindings) {
        String hostPort = b.getHostPortSpec();
        loopback.bind(
            e.getKey(),
            hostPort == null || hostPort.isEmpty()
                ? Ports.Binding.bindIp(LOOPBACK)
                : Ports.Binding.bindIpAndPort(LOOPBACK, Integer.parseInt(hostPort)));
      }
    }
    hostConfig.withPortBindings(loopback);
  }

  private static <T extends Throwable> @Nullable T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /**
   * The short messages of {@code t}'s cause chain, innermost two. Testcontainers puts whole {@code
   * docker inspect} dumps (environment and command line: passwords) into some messages; those are
   * left out.
   */
  static String describe(Throwable t) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null
          && !m.isBlank()
          && m.length() <= 200
          && m.indexOf('\n') < 0
          && !m.contains("InspectContainerResponse")
          && !parts.contains(m)) {
        parts.add(m);
      }
    }
    if (parts.isEmpty()) {
      return t.getClass().getSimpleName();
    }
    return String.join(": ", parts.subList(Math.max(0, parts.size() - 2), parts.size()));
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip());
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.0f s", d.toMillis() / 1000.0);
  }
}

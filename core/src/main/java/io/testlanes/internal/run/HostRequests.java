package io.testlanes.internal.run;

import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What the host answers to each request of the {@link HostProtocol}, without any I/O: the JVMs
 * attached to the run (with their worker counts), the run's services, the status.
 *
 * <p>Commands: {@code ping}; {@code hello} ({@code pid}, {@code description}, {@code workers}),
 * answered with {@code attachedWorkers}, the sum of the workers of the live attached JVMs, which is
 * the most lanes the run can hold at once; {@code ensure} ({@code services}); {@code status};
 * {@code down}.
 */
final class HostRequests {
  private final RunDirectory runDir;
  private final Settings settings;
  private final ServiceSet services;
  private final Instant startedAt;
  private final Runnable down;
  private final BooleanSupplier stopping;
  private final Map<Long, Client> clients = new ConcurrentHashMap<>();

  private record Client(String description, int workers) {}

  private String session = "";
  private @Nullable String sessionBuild;

  HostRequests(
      RunDirectory runDir,
      Settings settings,
      ServiceSet services,
      Instant startedAt,
      Runnable down,
      BooleanSupplier stopping) {
    this.runDir = runDir;
    this.settings = settings;
    this.services = services;
    this.startedAt = startedAt;
    this.down = down;
    this.stopping = stopping;
  }

  Map<String, String> respond(Map<String, String> request) {
    String command = request.getOrDefault(HostProtocol.COMMAND, "");
    Map<String, String> r = new LinkedHashMap<>();
    r.put(HostProtocol.OK, "true");
    switch (command) {
      case "ping":
        r.put("pid", Long.toString(ProcessHandle.current().pid()));
        return r;
      case "hello":
        return hello(request, r);
      case "ensure":
        return ensure(request.getOrDefault("services", ""), r);
      case "status":
        return status(r);
      case "down":
        RunHost.log("down requested");
        down.run();
        return r;
      default:
        throw new IllegalArgumentException(
            "unknown command '" + command + "'; expected ping, hello, ensure, status or down");
    }
  }

  private synchronized Map<String, String> hello(
      Map<String, String> request, Map<String, String> r) {
    long pid = Long.parseLong(request.getOrDefault("pid", "0"));
    int workers = Integer.parseInt(request.getOrDefault("workers", "1"));
    String build = request.get("build");
    boolean fork = Boolean.parseBoolean(request.getOrDefault("fork", "false"));
    boolean known = liveClients().containsKey(pid);
    boolean others = clients.keySet().stream().anyMatch(p -> p != pid);
    boolean sameBuild = fork && build != null && build.equals(sessionBuild);
    if (session.isEmpty() || (!known && !others && !sameBuild)) {
      session = UUID.randomUUID().toString();
      sessionBuild = build;
      RunHost.log("session " + session + " started by JVM " + pid);
    }
    clients.put(pid, new Client(request.getOrDefault("description", "jvm " + pid), workers));
    r.put("session", session);
    r.put("pid", Long.toString(ProcessHandle.current().pid()));
    r.put("attachedWorkers", Integer.toString(attachedWorkers()));
    r.put("attachedJvms", Integer.toString(liveClients().size()));
    return r;
  }

  /** The sum of the workers of the JVMs attached now: the most lanes the run holds at once. */
  int attachedWorkers() {
    return liveClients().values().stream().mapToInt(Client::workers).sum();
  }

  private Map<Long, Client> liveClients() {
    clients
        .keySet()
        .removeIf(pid -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    return clients;
  }

  private Map<String, String> ensure(String list, Map<String, String> r) {
    if (stopping.getAsBoolean()) {
      throw new IllegalStateException("the service host is stopping; start the run again");
    }
    Set<Service> wanted = EnumSet.noneOf(Service.class);
    for (String name : list.split(",")) {
      if (!name.isBlank()) {
        wanted.add(Service.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      }
    }
    for (RunningService rs : services.ensure(wanted).values()) {
      ServiceEndpoint e = rs.endpoint();
      String id = e.service().id();
      r.putAll(e.toProperties("service." + id + "."));
      r.put("service." + id + ".readyMillis", Long.toString(rs.readyTime().toMillis()));
    }
    return r;
  }

  private Map<String, String> status(Map<String, String> r) {
    r.put("pid", Long.toString(ProcessHandle.current().pid()));
    r.put("runId", runDir.runId());
    r.put("runDir", runDir.path().toString());
    r.put("backend", settings.backend().id());
    r.put("startedAt", startedAt.toString());
    r.put("keepAlive", settings.keepAlive().toString());
    r.put("attachedWorkers", Integer.toString(attachedWorkers()));
    services
        .startCounts()
        .forEach((s, n) -> r.put("service." + s.id() + ".starts", Integer.toString(n)));
    services.startedAt().forEach((s, t) -> r.put("service." + s.id() + ".startedAt", t.toString()));
    services
        .running()
        .forEach(
            (s, rs) -> {
              r.put("service." + s.id() + ".endpoint", rs.endpoint().address());
              r.put("service." + s.id() + ".readyMillis", Long.toString(rs.readyTime().toMillis()));
            });
    liveClients()
        .forEach(
            (pid, c) -> r.put("client." + pid, c.description() + " (" + c.workers() + " workers)"));
    LaneLocks.leased(runDir).forEach((n, holder) -> r.put("lane." + n, holder));
    return r;
  }
}

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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the host answers to each request of the {@link HostProtocol}, without any I/O: the JVMs
 * attached to the run (with their worker counts), the run's services, the status.
 *
 * <p>Commands: {@code ping}; {@code hello} ({@code pid}, {@code description}, {@code workers}),
 * answered with {@code attachedWorkers}, the sum of the workers of the live attached JVMs, which is
 * the most lanes the run can hold at once; {@code bye} ({@code pid}: that JVM detached); {@code
 * ensure} ({@code services}); {@code status}; {@code down} ({@code pid} of the asking process,
 * {@code force}): refused while other JVMs are attached unless forced.
 */
final class HostRequests {
  private final RunDirectory runDir;
  private final Settings settings;
  private final ServiceSet services;
  private final Instant startedAt;
  private final Consumer<String> down;
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
      Consumer<String> down,
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
      case "bye":
        clients.remove(Long.parseLong(request.getOrDefault("pid", "0")));
        return r;
      case "down":
        return down(request, r);
      default:
        throw new IllegalArgumentException(
            "unknown command '" + command + "'; expected ping, hello, bye, ensure, status or down");
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

  /**
   * Stops the services, unless JVMs other than the asking process are attached and {@code force} is
   * not given: then refuses, listing them.
   */
  private synchronized Map<String, String> down(
      Map<String, String> request, Map<String, String> r) {
    long by = Long.parseLong(request.getOrDefault("pid", "0"));
    boolean force = Boolean.parseBoolean(request.getOrDefault("force", "false"));
    Map<Long, Client> attached = new TreeMap<>(liveClients());
    attached.remove(by);
    if (!attached.isEmpty() && !force) {
      RunHost.log("down from pid " + by + " refused: " + attached.size() + " JVM(s) attached");
      throw new IllegalStateException(
          attached.size()
              + (attached.size() == 1 ? " JVM is" : " JVMs are")
              + " attached to the run "
              + runDir.runId()
              + " (host pid "
              + ProcessHandle.current().pid()
              + "), so its services were left running:\n"
              + describe(attached)
              + "Stopping them now would fail the tests of "
              + (attached.size() == 1 ? "that JVM" : "those JVMs")
              + ". Fix: wait for "
              + (attached.size() == 1 ? "it" : "them")
              + " to end, or stop anyway with ./testlanes down --force (their next test then"
              + " fails, saying that down stopped the services).");
    }
    String how = force ? "down --force" : "down";
    RunHost.log(how + " from pid " + by + " with " + attached.size() + " JVM(s) attached");
    down.accept(
        "the services of this run were stopped by testlanes "
            + how
            + " (from pid "
            + by
            + " at "
            + Instant.now()
            + ") while this JVM was attached to it; tests that still needed them fail. Fix: run"
            + " the tests again, and stop a run's services only once no test uses them.");
    return r;
  }

  private static String describe(Map<Long, Client> attached) {
    StringBuilder b = new StringBuilder();
    attached.forEach(
        (pid, c) ->
            b.append("  ")
                .append(c.description())
                .append(" (")
                .append(c.workers())
                .append(" workers)\n"));
    return b.toString();
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
    services.deaths().forEach((s, m) -> r.put("service." + s.id() + ".died", m));
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

package io.testlanes.run;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live run as its service host describes it: for {@code testlanes status} and for tools.
 *
 * @param runId the run id (the project directory by default)
 * @param hostPid the service host's process id
 * @param runDirectory where the run's lock files, socket and host log are
 * @param backend where the services come from
 * @param startedAt when the host started
 * @param keepAlive how long the services outlive the last JVM
 * @param attachedWorkers the workers of the JVMs attached now: the most lanes the run holds at once
 * @param services the services started, by id
 * @param lanesLeased lanes held now, by number, with their holders
 * @param clients the JVMs attached now, by pid, described
 */
public record RunStatus(
    String runId,
    long hostPid,
    String runDirectory,
    String backend,
    Instant startedAt,
    Duration keepAlive,
    int attachedWorkers,
    Map<String, ServiceState> services,
    Map<Integer, String> lanesLeased,
    Map<Long, String> clients) {

  public RunStatus {
    services = Map.copyOf(services);
    lanesLeased = Map.copyOf(lanesLeased);
    clients = Map.copyOf(clients);
  }

  /**
   * One service of a live run.
   *
   * @param endpoint {@code host:port}, empty while it starts
   * @param readyMillis how long it took to become ready, -1 while it starts
   * @param starts how many times this host started it (1 in a healthy run)
   * @param died empty while it runs; once it died, the message every use of it fails with (how it
   *     died, the tail of its log)
   */
  public record ServiceState(String endpoint, long readyMillis, int starts, String died) {}

  /** Reads the host's flat status answer (see the host's protocol). */
  static RunStatus parse(Map<String, String> flat) {
    Map<String, Map<String, String>> services = new LinkedHashMap<>();
    Map<Integer, String> lanes = new HashMap<>();
    Map<Long, String> clients = new HashMap<>();
    flat.forEach(
        (k, v) -> {
          if (k.startsWith("service.")) {
            String[] parts = k.split("\\.", 3);
            services.computeIfAbsent(parts[1], x -> new HashMap<>()).put(parts[2], v);
          } else if (k.startsWith("lane.")) {
            lanes.put(Integer.parseInt(k.substring(5)), v);
          } else if (k.startsWith("client.")) {
            clients.put(Long.parseLong(k.substring(7)), v);
          }
        });
    Map<String, ServiceState> states = new LinkedHashMap<>();
    services.forEach(
        (id, m) ->
            states.put(
                id,
                new ServiceState(
                    m.getOrDefault("endpoint", ""),
                    Long.parseLong(m.getOrDefault("readyMillis", "-1")),
                    Integer.parseInt(m.getOrDefault("starts", "0")),
                    m.getOrDefault("died", ""))));
    return new RunStatus(
        flat.getOrDefault("runId", ""),
        Long.parseLong(flat.getOrDefault("pid", "0")),
        flat.getOrDefault("runDir", ""),
        flat.getOrDefault("backend", ""),
        Instant.parse(flat.getOrDefault("startedAt", Instant.EPOCH.toString())),
        Duration.parse(flat.getOrDefault("keepAlive", "PT0S")),
        Integer.parseInt(flat.getOrDefault("attachedWorkers", "0")),
        states,
        lanes,
        clients);
  }

  /** As nested maps, lists, strings and numbers, for JSON output; keys sorted where useful. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("running", true);
    m.put("runId", runId);
    m.put("pid", hostPid);
    m.put("runDir", runDirectory);
    m.put("backend", backend);
    m.put("startedAt", startedAt.toString());
    m.put("keepAlive", keepAlive.toString());
    m.put("attachedWorkers", attachedWorkers);
    Map<String, Object> s = new TreeMap<>();
    services.forEach(
        (id, st) -> {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("endpoint", st.endpoint());
          e.put("readyMillis", st.readyMillis());
          e.put("starts", st.starts());
          if (!st.died().isEmpty()) {
            e.put("died", st.died());
          }
          s.put(id, e);
        });
    m.put("services", s);
    Map<String, Object> lanes = new LinkedHashMap<>();
    new TreeMap<>(lanesLeased).forEach((n, h) -> lanes.put("lane_" + n, h));
    m.put("lanesLeased", lanes);
    Map<String, Object> c = new LinkedHashMap<>();
    new TreeMap<>(clients).forEach((pid, d) -> c.put(Long.toString(pid), d));
    m.put("clients", c);
    return m;
  }
}

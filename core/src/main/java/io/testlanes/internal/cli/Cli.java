package io.testlanes.internal.cli;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.Backends;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.backend.embedded.CacheDirs;
import io.testlanes.internal.process.Watchdog;
import io.testlanes.internal.run.Durations;
import io.testlanes.internal.run.LaneLeases;
import io.testlanes.internal.run.RunClient;
import io.testlanes.internal.run.RunDirectory;
import io.testlanes.internal.run.ServiceSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The {@code testlanes} command line.
 *
 * <pre>
 * testlanes up --check [--json]   start the services, one round trip each, print, stop
 * testlanes up                    start them for this project's run and stay up until Ctrl-C
 * testlanes status [--json]       what runs for this project (or every run with --all)
 * testlanes down                  stop this project's services now (every run with --all)
 * </pre>
 *
 * Options: {@code --services postgres,redis,cassandra}, {@code --project DIR} (whose run: default
 * the working directory), and any {@code -Dtestlanes.*} setting.
 */
public final class Cli {
  private final PrintStream out;
  private final PrintStream err;

  Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int code = new Cli(System.out, System.err).run(args);
    System.exit(code);
  }

  int run(String[] args) {
    List<String> rest = new ArrayList<>();
    boolean json = false;
    boolean check = false;
    boolean all = false;
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--json":
          json = true;
          break;
        case "--check":
          check = true;
          break;
        case "--all":
          all = true;
          break;
        case "--services":
          if (i + 1 >= args.length) {
            return usage("--services needs a value, e.g. --services postgres,redis");
          }
          given.put(io.testlanes.config.Keys.SERVICES, args[++i]);
          break;
        case "--project":
          if (i + 1 >= args.length) {
            return usage("--project needs a directory");
          }
          given.put(io.testlanes.config.Keys.RUN_ID, projectRunId(Path.of(args[++i])));
          break;
        case "-h":
        case "--help":
          return usage(null);
        default:
          if (a.startsWith("-D") && a.contains("=")) {
            int eq = a.indexOf('=');
            given.put(a.substring(2, eq), a.substring(eq + 1));
          } else if (a.startsWith("-")) {
            return usage("unknown option " + a);
          } else {
            rest.add(a);
          }
      }
    }
    if (rest.size() != 1) {
      return usage(rest.isEmpty() ? null : "one command expected, got " + rest);
    }
    try {
      Settings settings =
          Settings.load(
              List.of(
                  io.testlanes.config.ConfigSource.of("command-line option", given),
                  io.testlanes.config.ConfigSource.systemProperties(),
                  io.testlanes.config.ConfigSource.environment()));
      switch (rest.get(0)) {
        case "up":
          return check ? upCheck(settings, json) : up(settings);
        case "status":
          return status(settings, json, all);
        case "down":
          return down(settings, all);
        default:
          return usage("unknown command " + rest.get(0));
      }
    } catch (ConfigurationException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("testlanes: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  /** The run id of a project directory, as its tests compute it (see RunDirectory). */
  private static String projectRunId(Path dir) {
    try {
      return dir.toRealPath().toString();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize().toString();
    }
  }

  private int usage(@Nullable String problem) {
    if (problem != null) {
      err.println("testlanes: " + problem);
    }
    err.println(
        String.join(
            "\n",
            "usage: testlanes up --check [--json] | up | status [--json] [--all] | down [--all]",
            "  options: --services postgres,redis,cassandra  --project DIR  -Dtestlanes.KEY=VALUE",
            "  up --check  start the services, one round trip each, print their ready times, stop",
            "  up          start this project's services and keep them up until Ctrl-C",
            "  status      what runs for this project (--all: for every project)",
            "  down        stop this project's services now (--all: every project's)"));
    return problem == null ? 0 : 2;
  }

  private static Set<Service> services(Settings settings) {
    return settings.services().orElse(EnumSet.allOf(Service.class));
  }

  /** Starts the services in this process, one round trip each, prints, stops. */
  private int upCheck(Settings settings, boolean json) throws IOException {
    Set<Service> wanted = services(settings);
    RunDirectory runDir =
        RunDirectory.at(RunDirectory.baseDir(settings), "check-" + ProcessHandle.current().pid());
    Path dataRoot = runDir.dataRoot(settings);
    Files.createDirectories(dataRoot);
    Map<String, Object> result = new LinkedHashMap<>();
    boolean ok = true;
    try (Watchdog watchdog = Watchdog.start()) {
      watchdog.watchDirectory(dataRoot);
      try (ServiceSet set =
          new ServiceSet(
              Backends.create(settings),
              new StartContext(
                  settings,
                  dataRoot,
                  CacheDirs.defaultCacheDir(settings),
                  watchdog,
                  LaneLeases.MAX_LANES))) {
        for (Service s : wanted) {
          Map<String, Object> entry = new LinkedHashMap<>();
          try {
            RunningService rs = java.util.Objects.requireNonNull(set.ensure(List.of(s)).get(s));
            ServiceEndpoint e = rs.endpoint();
            io.testlanes.internal.backend.RoundTrips.once(e);
            entry.put("readyMillis", rs.readyTime().toMillis());
            entry.put("endpoint", e.address());
            entry.put("connect", e.describe());
            if (!json) {
              out.printf(
                  "%-9s ready in %-8s %s%n",
                  s.id(), Durations.format(rs.readyTime()), e.describe());
            }
          } catch (Exception e) {
            ok = false;
            entry.put("error", String.valueOf(e.getMessage()));
            if (!json) {
              out.printf("%-9s FAILED: %s%n", s.id(), e.getMessage());
            }
          }
          result.put(s.id(), entry);
        }
      }
    } finally {
      deleteQuietly(dataRoot);
      deleteQuietly(runDir.path());
    }
    if (json) {
      out.println(Json.write(result));
    } else {
      out.println(ok ? "all services answered; stopped them" : "some services failed");
    }
    return ok ? 0 : 1;
  }

  private static void deleteQuietly(Path p) {
    try {
      CacheDirs.deleteTree(p);
    } catch (IOException e) {
      // left for the watchdog, which removes the data directory when this JVM ends
    }
  }

  /** Attaches to this project's run, starts the services, prints how to connect, waits. */
  private int up(Settings settings) throws InterruptedException {
    RunClient client = RunClient.attach(settings);
    Map<Service, ServiceEndpoint> endpoints = client.ensure(services(settings));
    Map<Service, Duration> ready = client.readyTimes();
    out.println("testlanes services for " + client.runDirectory().runId() + ":");
    endpoints.forEach(
        (s, e) ->
            out.printf(
                "  %-9s %s  (ready in %s)%n",
                s.id(), connectHint(e), Durations.format(ready.getOrDefault(s, Duration.ZERO))));
    out.println(
        "Tests run from this project now attach to these services. Ctrl-C to detach; they stop "
            + "when no JVM is attached (after testlanes.keepAlive).");
    Thread.currentThread().join();
    return 0;
  }

  private static String connectHint(ServiceEndpoint e) {
    switch (e.service()) {
      case POSTGRES:
        return e.jdbcUrl(e.attribute(ServiceEndpoint.DATABASE).orElse("postgres"))
            + " user="
            + e.user()
            + " password="
            + e.password();
      case REDIS:
        return e.redisUri(0);
      default:
        return "contact point "
            + e.address()
            + ", local datacenter "
            + e.attribute(ServiceEndpoint.DATACENTER).orElse("datacenter1");
    }
  }

  private static List<RunDirectory> runs(Settings settings, boolean all) throws IOException {
    if (!all) {
      return List.of(RunDirectory.of(settings));
    }
    List<RunDirectory> dirs = new ArrayList<>();
    Path base = RunDirectory.baseDir(settings);
    if (!Files.isDirectory(base)) {
      return dirs;
    }
    try (Stream<Path> list = Files.list(base)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        Path info = p.resolve("host.properties");
        if (Files.exists(info)) {
          java.util.Properties props = new java.util.Properties();
          try (var in = Files.newInputStream(info)) {
            props.load(in);
          }
          String id = props.getProperty("runId");
          if (id != null) {
            dirs.add(RunDirectory.at(base, id));
          }
        }
      }
    }
    return dirs;
  }

  private int status(Settings settings, boolean json, boolean all) throws IOException {
    List<Object> found = new ArrayList<>();
    for (RunDirectory dir : runs(settings, all)) {
      Map<String, String> s = RunClient.statusOf(dir);
      if (s != null) {
        found.add(structured(s));
      }
    }
    if (json) {
      out.println(
          Json.write(all ? found : found.isEmpty() ? Map.of("running", false) : found.get(0)));
    } else if (found.isEmpty()) {
      out.println(
          "no testlanes services run for " + (all ? "any project" : RunDirectory.defaultRunId()));
    } else {
      for (Object o : found) {
        printStatus(o);
      }
    }
    return 0;
  }

  /** Groups the host's flat status properties into nested maps. */
  static Map<String, Object> structured(Map<String, String> flat) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("running", true);
    Map<String, Map<String, Object>> services = new TreeMap<>();
    Map<String, String> lanes =
        new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    Map<String, String> clients = new TreeMap<>();
    for (Map.Entry<String, String> e : flat.entrySet()) {
      String k = e.getKey();
      if (k.equals("ok")) {
        continue;
      }
      if (k.startsWith("service.")) {
        String[] parts = k.split("\\.", 3);
        Object v = e.getValue();
        if (parts[2].equals("starts") || parts[2].equals("readyMillis")) {
          v = Long.parseLong(e.getValue());
        }
        services.computeIfAbsent(parts[1], x -> new LinkedHashMap<>()).put(parts[2], v);
      } else if (k.startsWith("lane.")) {
        lanes.put(k.substring(5), e.getValue());
      } else if (k.startsWith("client.")) {
        clients.put(k.substring(7), e.getValue());
      } else if (k.equals("pid")) {
        m.put(k, Long.parseLong(e.getValue()));
      } else {
        m.put(k, e.getValue());
      }
    }
    m.put("services", services);
    Map<String, Object> leased = new LinkedHashMap<>();
    lanes.forEach((n, h) -> leased.put("lane_" + n, h));
    m.put("lanesLeased", leased);
    m.put("clients", clients);
    return m;
  }

  @SuppressWarnings("unchecked") // built by structured() above with exactly these types
  private void printStatus(Object o) {
    Map<String, Object> m = (Map<String, Object>) o;
    out.println(
        "run "
            + m.get("runId")
            + " (host pid "
            + m.get("pid")
            + ", since "
            + m.get("startedAt")
            + ", backend "
            + m.get("backend")
            + ")");
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) m.getOrDefault("services", Map.of());
    services.forEach(
        (s, v) ->
            out.printf(
                "  %-9s %s  ready in %s ms, started %s time(s)%n",
                s,
                v.getOrDefault("endpoint", "starting"),
                v.getOrDefault("readyMillis", "?"),
                v.getOrDefault("starts", "?")));
    Map<String, Object> leased = (Map<String, Object>) m.getOrDefault("lanesLeased", Map.of());
    out.println("  lanes leased: " + (leased.isEmpty() ? "none" : leased));
    Map<String, Object> clients = (Map<String, Object>) m.getOrDefault("clients", Map.of());
    out.println("  attached JVMs: " + clients.size());
  }

  private int down(Settings settings, boolean all) throws IOException, InterruptedException {
    int stopped = 0;
    for (RunDirectory dir : runs(settings, all)) {
      if (RunClient.down(dir, Duration.ofSeconds(60))) {
        out.println("stopped the services of " + dir.runId());
        stopped++;
      }
    }
    if (stopped == 0) {
      out.println("nothing to stop");
    }
    return 0;
  }
}

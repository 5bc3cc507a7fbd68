package io.testlanes.internal.cli;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.run.Durations;
import io.testlanes.internal.run.RunDirectory;
import io.testlanes.json.Json;
import io.testlanes.run.RunStatus;
import io.testlanes.run.ServiceInfo;
import io.testlanes.run.TestRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code testlanes} command line.
 *
 * <pre>
 * testlanes up --check [--json]   start the services, one round trip each, print, stop
 * testlanes up                    start them for this project's run and stay up until Ctrl-C
 * testlanes status [--json]       what runs for this project (or every run with --all)
 * testlanes down [--force]        stop this project's services now (every run with --all);
 *                                 refused while test JVMs are attached, unless forced
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
    boolean force = false;
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
        case "--force":
          force = true;
          break;
        case "--services":
          if (i + 1 >= args.length) {
            return usage("--services needs a value, e.g. --services postgres,redis");
          }
          given.put(Keys.SERVICES, args[++i]);
          break;
        case "--project":
          if (i + 1 >= args.length) {
            return usage("--project needs a directory");
          }
          given.put(Keys.RUN_ID, projectRunId(Path.of(args[++i])));
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
                  ConfigSource.of("command-line option", given),
                  ConfigSource.systemProperties(),
                  ConfigSource.environment()));
      switch (rest.get(0)) {
        case "up":
          return check ? upCheck(settings, json) : up(settings);
        case "status":
          return status(settings, json, all);
        case "down":
          return down(settings, all, force);
        default:
          return usage("unknown command " + rest.get(0));
      }
    } catch (ConfigurationException e) {
      err.println(e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("testlanes: " + e.getMessage());
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
            "usage: testlanes up --check [--json] | up | status [--json] [--all]"
                + " | down [--all] [--force]",
            "  options: --services postgres,redis,cassandra  --project DIR  -Dtestlanes.KEY=VALUE",
            "  up --check  start the services, one round trip each, print their ready times, stop",
            "  up          start this project's services and keep them up until Ctrl-C",
            "  status      what runs for this project (--all: for every project)",
            "  down        stop this project's services now (--all: every project's); refused while"
                + " test JVMs are attached (--force: stop anyway, their next test fails saying so)"));
    return problem == null ? 0 : 2;
  }

  private static Set<Service> services(Settings settings) {
    return settings.services().orElse(EnumSet.allOf(Service.class));
  }

  /**
   * Starts the services in a run of its own, prints how long each took to answer its first round
   * trip, and stops them.
   */
  private int upCheck(Settings given, boolean json) throws InterruptedException {
    Map<String, String> check = new LinkedHashMap<>(given.given());
    check.put(Keys.RUN_ID, "check-" + ProcessHandle.current().pid());
    check.put(Keys.KEEP_ALIVE, "0");
    check.put(
        Keys.SERVICES, services(given).stream().map(Service::id).collect(Collectors.joining(",")));
    Settings settings = Settings.load(List.of(ConfigSource.of("up --check", check)));
    Map<String, Object> result = new LinkedHashMap<>();
    boolean ok = true;
    TestRun run = TestRun.join(settings, Cli.class.getClassLoader());
    try {
      Map<Service, ServiceInfo> ready = run.awaitServices();
      for (ServiceInfo s : ready.values()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("readyMillis", s.readyTime().toMillis());
        entry.put("endpoint", s.address());
        result.put(s.service().id(), entry);
        if (!json) {
          out.printf(
              "%-9s ready in %-8s %s%n",
              s.service().id(), Durations.format(s.readyTime()), s.address());
        }
      }
    } catch (RuntimeException e) {
      ok = false;
      result.put("error", String.valueOf(e.getMessage()));
      if (!json) {
        out.println("FAILED: " + e.getMessage());
        for (Throwable more : e.getSuppressed()) {
          out.println("FAILED: " + more.getMessage());
        }
      }
    } finally {
      closeQuietly(run);
      TestRun.down(settings, false, Duration.ofSeconds(60));
    }
    if (json) {
      out.println(Json.write(result));
    } else {
      out.println(ok ? "all services answered; stopped them" : "some services failed");
    }
    return ok ? 0 : 1;
  }

  private void closeQuietly(TestRun run) {
    try {
      run.close();
    } catch (Exception e) {
      err.println("testlanes: closing the check's clients failed: " + e);
    }
  }

  /** Attaches to this project's run, starts the services, prints how to connect, waits. */
  private int up(Settings settings) throws InterruptedException {
    TestRun run = TestRun.join(settings, Cli.class.getClassLoader());
    Map<Service, ServiceInfo> ready = run.awaitServices();
    out.println("testlanes services for " + run.id() + ":");
    ready.forEach(
        (s, info) ->
            out.printf(
                "  %-9s %s  (ready in %s)%n",
                s.id(), connectHint(info, settings), Durations.format(info.readyTime())));
    out.println(
        "Tests run from this project now attach to these services. Ctrl-C to detach; they stop "
            + "when no JVM is attached (after testlanes.keepAlive).");
    Thread.currentThread().join();
    return 0;
  }

  private static String connectHint(ServiceInfo s, Settings settings) {
    switch (s.service()) {
      case POSTGRES:
        return "jdbc:postgresql://"
            + s.address()
            + "/postgres user="
            + s.user()
            + " password="
            + s.password();
      case REDIS:
        return "redis://" + (s.password().isEmpty() ? "" : ":" + s.password() + "@") + s.address();
      default:
        return "contact point "
            + s.address()
            + ", local datacenter "
            + settings.cassandraLocalDatacenter()
            + (s.user().isEmpty() ? "" : ", user " + s.user() + " password " + s.password());
    }
  }

  private int status(Settings settings, boolean json, boolean all) {
    List<RunStatus> found = TestRun.status(settings, all);
    if (json) {
      List<Object> maps = new ArrayList<>();
      found.forEach(s -> maps.add(s.toMap()));
      out.println(Json.write(all ? maps : maps.isEmpty() ? Map.of("running", false) : maps.get(0)));
    } else if (found.isEmpty()) {
      out.println(
          "no testlanes services run for "
              + (all ? "any project" : settings.runId().orElseGet(RunDirectory::defaultRunId)));
    } else {
      found.forEach(this::printStatus);
    }
    return 0;
  }

  private void printStatus(RunStatus s) {
    out.println(
        "run "
            + s.runId()
            + " (host pid "
            + s.hostPid()
            + ", since "
            + s.startedAt()
            + ", backend "
            + s.backend()
            + ")");
    new TreeMap<>(s.services())
        .forEach(
            (id, st) -> {
              if (!st.died().isEmpty()) {
                out.printf("  %-9s DIED: %s%n", id, st.died().lines().findFirst().orElse(""));
                return;
              }
              out.printf(
                  "  %-9s %s  ready in %s ms, started %d time(s)%n",
                  id,
                  st.endpoint().isEmpty() ? "starting" : st.endpoint(),
                  st.readyMillis() < 0 ? "?" : Long.toString(st.readyMillis()),
                  st.starts());
            });
    out.println(
        "  lanes leased: " + (s.lanesLeased().isEmpty() ? "none" : new TreeMap<>(s.lanesLeased())));
    out.println("  attached JVMs: " + s.clients().size() + ", " + s.attachedWorkers() + " workers");
  }

  private int down(Settings settings, boolean all, boolean force) throws InterruptedException {
    List<String> stopped = TestRun.down(settings, all, force, Duration.ofSeconds(60));
    stopped.forEach(id -> out.println("stopped the services of " + id));
    if (stopped.isEmpty()) {
      out.println("nothing to stop");
    }
    return 0;
  }
}

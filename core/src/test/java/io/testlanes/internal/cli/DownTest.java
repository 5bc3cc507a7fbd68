package io.testlanes.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.internal.run.ClientJvm;
import io.testlanes.internal.run.RunClient;
import io.testlanes.internal.run.RunDirectory;
import io.testlanes.internal.run.RunLeftovers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code testlanes down} while test JVMs are attached: real child JVMs attached to a real run, the
 * command line run as users run it.
 */
class DownTest {
  private static final Duration ANSWER = Duration.ofSeconds(90);

  private final List<ClientJvm> jvms = new ArrayList<>();
  private final Map<String, String> props = new HashMap<>();
  private RunDirectory runDir = RunDirectory.at(Path.of("unset"), "u", "u");
  private RunLeftovers leftovers = new RunLeftovers(runDir, Path.of("unset"));

  @BeforeEach
  void newRun() {
    props.put(Keys.RUN_ID, "down-test-" + UUID.randomUUID());
    props.put(Keys.SERVICES, "redis");
    props.put(Keys.WORKERS, "3");
    String cache = System.getProperty(Keys.CACHE_DIR);
    if (cache != null) {
      props.put(Keys.CACHE_DIR, cache);
    }
    Settings settings = Settings.load(List.of(ConfigSource.of("test", props)));
    runDir = RunDirectory.of(settings);
    leftovers = new RunLeftovers(runDir, runDir.dataRoot(settings));
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (ClientJvm j : jvms) {
      j.close();
    }
    RunClient.down(runDir, true, Duration.ofSeconds(60));
    leftovers.deleteRunDirectory();
  }

  private ClientJvm jvm() throws Exception {
    ClientJvm j = ClientJvm.start(props);
    jvms.add(j);
    return j;
  }

  private record Result(int code, String out, String err) {}

  private Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    props.forEach((k, v) -> all.add("-D" + k + "=" + v));
    int code =
        new Cli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(all.toArray(String[]::new));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void downRefusesWhileJvmsAreAttachedListingThemAndForceFailsTheirNextCallSayingSo()
      throws Exception {
    ClientJvm a = jvm();
    ClientJvm b = jvm();
    assertThat(a.send("join", ANSWER)).isEqualTo("joined [REDIS]");
    assertThat(b.send("join", ANSWER)).isEqualTo("joined [REDIS]");
    assertThat(a.send("take", ANSWER)).isEqualTo("lane 1");
    assertThat(b.send("take", ANSWER)).isEqualTo("lane 2");
    long hostPid = runStatusHostPid();
    Set<Long> pids = leftovers.pids();

    Result refused = cli("down");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    String runId = props.get(Keys.RUN_ID);
    assertThat(refused.err())
        .startsWith(
            "testlanes: 2 JVMs are attached to the run "
                + runId
                + " (host pid "
                + hostPid
                + "), so its services were left running:\n")
        .contains("  pid " + a.pid() + " ")
        .contains("  pid " + b.pid() + " ")
        .contains("/bin/java […] io.testlanes.internal.run.ClientJvmMain (3 workers)\n")
        .endsWith(
            "Stopping them now would fail the tests of those JVMs. Fix: wait for them to end, or"
                + " stop anyway with ./testlanes down --force (their next test then fails, saying"
                + " that down stopped the services).\n");
    assertThat(a.send("check", ANSWER)).isEqualTo("alive");
    assertThat(b.send("reset", ANSWER)).startsWith("reset in ");

    Result forced = cli("down", "--force");

    assertThat(forced.code()).isZero();
    assertThat(forced.out()).isEqualTo("stopped the services of " + runId + "\n");
    String expected =
        "error IllegalStateException: the services of this run were stopped by testlanes down"
            + " --force (from pid "
            + ProcessHandle.current().pid()
            + " at ";
    String fix =
        ") while this JVM was attached to it; tests that still needed them fail. Fix: run the"
            + " tests again, and stop a run's services only once no test uses them.";
    assertThat(a.send("check", ANSWER)).startsWith(expected).endsWith(fix);
    assertThat(b.send("reset", ANSWER)).startsWith(expected).endsWith(fix);
    assertThat(b.send("take", ANSWER)).startsWith(expected).endsWith(fix);
    Duration gone = leftovers.awaitNothingLeft(pids, Duration.ofSeconds(15));
    System.out.println("down --force: nothing left after " + gone.toMillis() + " ms");
  }

  @Test
  void downWithNoJvmAttachedStopsAtOnce() throws Exception {
    ClientJvm a = jvm();
    a.send("join", ANSWER);
    Set<Long> pids = leftovers.pids();
    a.exit();

    Result r = cli("down");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("stopped the services of " + props.get(Keys.RUN_ID) + "\n");
    leftovers.awaitNothingLeft(pids, Duration.ofSeconds(15));
  }

  private long runStatusHostPid() {
    Result status = cli("status", "--json");
    assertThat(status.code()).isZero();
    return Long.parseLong(status.out().replaceAll("(?s).*\"pid\"\\s*:\\s*(\\d+).*", "$1"));
  }
}

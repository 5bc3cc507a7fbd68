package io.testlanes.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.lane.TestServices;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.ProcFiles;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A run's secrets are never visible to another local user: no process's command line (which anyone
 * may read in {@code /proc/PID/cmdline}) holds one, and no process environment that the user {@code
 * nobody} can read does. The run is real: {@code testlanes up} in a JVM of its own, with its
 * service host and services, and the settings given the way CI gives them, as environment
 * variables.
 */
class RunSecretsTest {
  private static final String READY = "Tests run from this project now attach";

  /**
   * The external backend's URLs carry passwords. The servers are embedded ones this test starts;
   * the run only knows them from {@code TESTLANES_POSTGRES_URL} and {@code TESTLANES_REDIS_URL}.
   */
  @Test
  void passwordsGivenInEnvironmentVariablesShowInNoProcess() throws Exception {
    try (TestServices servers =
        TestServices.start(2, Map.of(Keys.BACKEND, "embedded"), Service.POSTGRES, Service.REDIS)) {
      ServiceEndpoint pg = servers.endpoint(Service.POSTGRES);
      ServiceEndpoint redis = servers.endpoint(Service.REDIS);
      Map<String, String> env =
          Map.of(
              "TESTLANES_BACKEND",
              "external",
              "TESTLANES_POSTGRES_URL",
              pg.jdbcUrl("postgres") + "?user=" + pg.user() + "&password=" + pg.password(),
              "TESTLANES_REDIS_URL",
              redis.redisUri(0));

      List<String> shown = secretsShownDuringRun(env, List.of(pg.password(), redis.password()));

      assertThat(shown).as("processes that show a password given in the environment").isEmpty();
    }
  }

  /** The embedded backend's generated passwords, which the run's host hands to its clients. */
  @Test
  void generatedPasswordsShowInNoProcess() throws Exception {
    List<String> secrets = new ArrayList<>();
    List<String> shown =
        secretsShownDuringRun(
            Map.of("TESTLANES_BACKEND", "embedded"),
            secrets); // filled from the run's own output below, before the scan

    assertThat(secrets).as("passwords that `testlanes up` printed").hasSize(2);
    assertThat(shown).as("processes that show a generated password").isEmpty();
  }

  /**
   * Runs {@code testlanes up --services postgres,redis} with {@code env}, and once it is up, looks
   * for each secret in every process's command line (as this JVM's user) and in every command line
   * and environment that {@code nobody} can read. An empty {@code secrets} list is filled with the
   * passwords that the run printed. Stops the run again.
   *
   * @return one line per process and place that shows a secret
   */
  private static List<String> secretsShownDuringRun(Map<String, String> env, List<String> secrets)
      throws Exception {
    String runId = "run-secrets-test-" + UUID.randomUUID();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                Cli.class.getName(),
                "up",
                "--services",
                "postgres,redis")
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("TESTLANES_RUNID", runId);
    Process up = pb.start();
    try {
      List<String> output = awaitReady(up);
      if (secrets.isEmpty()) {
        secrets.addAll(printedPasswords(output));
      }
      List<String> shown = new ArrayList<>(commandLinesShowing(secrets));
      if (Privileges.isRoot()) {
        shown.addAll(readableByNobodyShowing(secrets));
      }
      return shown;
    } finally {
      up.destroyForcibly();
      up.waitFor(10, TimeUnit.SECONDS);
      new Cli(
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              System.err)
          .run(new String[] {"down", "-D" + Keys.RUN_ID + "=" + runId});
    }
  }

  private static List<String> awaitReady(Process up) throws InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(output unreadable: " + e + ")");
              }
            },
            "testlanes-up-output");
    reader.setDaemon(true);
    reader.start();
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (line.startsWith(READY)) {
          return seen;
        }
      } else if (!up.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    throw new AssertionError(
        "`testlanes up` did not get ready; its output:\n" + String.join("\n", seen));
  }

  /** The Postgres password and the Redis password that {@code testlanes up} prints. */
  private static List<String> printedPasswords(List<String> output) {
    List<String> found = new ArrayList<>();
    Pattern postgres = Pattern.compile("postgres .* password=([A-Za-z0-9]+)");
    Pattern redis = Pattern.compile("redis +redis://[^:]*:([A-Za-z0-9]+)@");
    for (String line : output) {
      for (Pattern p : List.of(postgres, redis)) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    return found;
  }

  /** Processes whose command line holds a secret: {@code pid 123 cmdline: java -D...}. */
  private static List<String> commandLinesShowing(List<String> secrets) throws IOException {
    List<String> shown = new ArrayList<>();
    for (String line : ProcFiles.commandLines()) {
      if (secrets.stream().anyMatch(line::contains)) {
        shown.add("pid " + masked(line, secrets).replaceFirst(" ", " cmdline: "));
      }
    }
    return shown;
  }

  /**
   * What the user {@code nobody} can read of every process's {@code cmdline} and {@code environ},
   * searched for the secrets here (they never go on the reading process's own command line).
   */
  private static List<String> readableByNobodyShowing(List<String> secrets)
      throws IOException, InterruptedException {
    String script =
        "for d in /proc/[0-9]*; do"
            + " for f in cmdline environ; do"
            + "  if [ -r \"$d/$f\" ]; then printf '\\n@@ %s %s\\n' \"${d#/proc/}\" \"$f\";"
            + "  cat \"$d/$f\" 2>/dev/null | tr '\\0' ' '; fi;"
            + " done;"
            + " done";
    Process p =
        ProcFiles.asNobody(List.of("sh", "-c", script))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("what nobody reads of /proc").contains(" cmdline\n");
    List<String> shown = new ArrayList<>();
    for (String chunk : out.split("\n@@ ")) {
      int eol = chunk.indexOf('\n');
      if (eol > 0 && secrets.stream().anyMatch(chunk::contains)) {
        shown.add(
            "pid "
                + chunk.substring(0, eol)
                + " readable by nobody: "
                + masked(chunk.substring(eol + 1), secrets));
      }
    }
    return shown;
  }

  private static String masked(String text, List<String> secrets) {
    String m = text;
    for (String s : secrets) {
      m = m.replace(s, "<secret>");
    }
    return m.length() > 400 ? m.substring(0, 400) + "…" : m;
  }
}

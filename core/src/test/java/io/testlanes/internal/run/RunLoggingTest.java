package io.testlanes.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * testlanes' own lines reach the user whichever slf4j version wins on the class path: a real run in
 * a child JVM (Redis only, the quickest service) whose class path is this one's with slf4j-api
 * swapped or its binding removed.
 */
class RunLoggingTest {
  /** A line every run logs in the test JVM once its services answer. */
  private static final String KNOWN_LINE = "testlanes: [REDIS] ready for this JVM in ";

  /** slf4j-api 1.7, copied here by the build (see core/pom.xml). */
  private static final Path SLF4J_17 = Path.of("target", "slf4j-1.7", "slf4j-api-1.7.36.jar");

  private final List<String> runIds = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stopHosts() throws Exception {
    for (String runId : runIds) {
      Map<String, String> p = new HashMap<>();
      p.put(Keys.RUN_ID, runId);
      cacheDir().ifPresent(c -> p.put(Keys.CACHE_DIR, c));
      RunClient.down(
          RunDirectory.of(Settings.load(List.of(ConfigSource.of("test", p)))),
          true,
          Duration.ofSeconds(30));
    }
  }

  @Test
  void withSlf4j17BeatingTheSlf4j2ProviderTheLinesGoToSystemLoggerAfterOneWarning()
      throws Exception {
    String out = run(swap(isSlf4jApi(), SLF4J_17.toAbsolutePath().toString()));

    assertThat(out)
        .contains(
            "testlanes: slf4j-api 1.7 (slf4j-api-1.7.36.jar) finds no logging backend: the one"
                + " on the class path is an slf4j 2 provider, which slf4j-api 1.7 cannot see")
        .contains(
            "so testlanes logs through System.Logger (java.util.logging) instead. Fix: make"
                + " slf4j-api 2.0.x win")
        .contains("INFO: " + KNOWN_LINE);
  }

  @Test
  void withoutAnyBindingTheLinesGoToSystemLoggerAfterOneWarning() throws Exception {
    String out = run(swap(isJar("slf4j-simple-"), null));

    assertThat(out)
        .contains("finds no logging backend on the class path")
        .contains("INFO: " + KNOWN_LINE);
  }

  @Test
  void withAWorkingBindingTheLinesGoThroughSlf4jAlone() throws Exception {
    String out = run(HostClasspath.argument());

    assertThat(out).contains("INFO io.testlanes.run.TestRun - " + KNOWN_LINE);
    assertThat(out).doesNotContain("System.Logger").doesNotContain("INFO: " + KNOWN_LINE);
  }

  private static Predicate<String> isSlf4jApi() {
    return isJar("slf4j-api-");
  }

  private static Predicate<String> isJar(String prefix) {
    return entry -> {
      Path name = Path.of(entry).getFileName();
      return name != null && name.toString().startsWith(prefix);
    };
  }

  /**
   * This JVM's class path with the entries that {@code match} replaced by {@code by}, or removed.
   */
  private static String swap(Predicate<String> match, @Nullable String by) {
    List<String> entries =
        new ArrayList<>(Arrays.asList(HostClasspath.argument().split(File.pathSeparator)));
    assertThat(entries).as("the entry to replace").anyMatch(match);
    List<String> out = new ArrayList<>();
    for (String e : entries) {
      if (!match.test(e)) {
        out.add(e);
      } else if (by != null) {
        out.add(by);
      }
    }
    return String.join(File.pathSeparator, out);
  }

  private String run(String classpath) throws IOException, InterruptedException {
    assertThat(SLF4J_17).exists();
    String runId = "run-logging-test-" + UUID.randomUUID();
    runIds.add(runId);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-D" + Keys.RUN_ID + "=" + runId);
    cmd.add("-D" + Keys.SERVICES + "=redis");
    cacheDir().ifPresent(c -> cmd.add("-D" + Keys.CACHE_DIR + "=" + c));
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(LoggingChildMain.class.getName());
    Path log = dir.resolve(runId + ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("the child JVM ends; its output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
    assertThat(out).contains("services [REDIS]");
    System.out.println(
        Arrays.stream(out.split("\n")).map(l -> "  child: " + l).collect(Collectors.joining("\n")));
    return out;
  }

  private static Optional<String> cacheDir() {
    return Optional.ofNullable(System.getProperty(Keys.CACHE_DIR));
  }
}

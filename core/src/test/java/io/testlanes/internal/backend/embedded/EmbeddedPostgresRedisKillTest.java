package io.testlanes.internal.backend.embedded;

import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code kill -9} of the JVM that started Postgres and Redis leaves nothing behind. */
class EmbeddedPostgresRedisKillTest {

  @Test
  void killingTheOwningJvmLeavesNoProcessAndNoDirectory() throws Exception {
    Path dataRoot = EmbeddedServerFixtures.newDataRoot();
    Path childLog = Path.of("target", "embedded-kill-child.log").toAbsolutePath();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                EmbeddedPostgresRedisChild.class.getName(),
                dataRoot.toString(),
                EmbeddedServerFixtures.sharedCache().toString())
            .redirectError(childLog.toFile())
            .start();
    List<Long> pids = new ArrayList<>();
    try {
      CompletableFuture<String> ready =
          CompletableFuture.supplyAsync(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                      return line;
                    }
                  }
                  return "EOF";
                } catch (java.io.IOException e) {
                  return "EOF " + e;
                }
              });
      String line = ready.get(120, TimeUnit.SECONDS);
      assertThat(line).as("child output; its log is in %s", childLog).startsWith("READY ");
      String[] f = line.split(" ");
      long postgres = Long.parseLong(f[1]);
      long redis = Long.parseLong(f[2]);
      Path postgresDir = Path.of(f[3]);
      Path redisDir = Path.of(f[4]);
      long watchdog = Long.parseLong(f[5]);
      pids.add(postgres);
      pids.add(redis);
      ProcessHandle.of(postgres).orElseThrow().descendants().forEach(h -> pids.add(h.pid()));
      assertThat(pids).hasSizeGreaterThan(3).allMatch(EmbeddedServerFixtures::running);
      assertThat(postgresDir).isDirectory();
      assertThat(redisDir).isDirectory();
      assertThat(running(watchdog)).isTrue();

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long killed = System.nanoTime();

      long deadline = killed + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline
          && (pids.stream().anyMatch(EmbeddedServerFixtures::running)
              || Files.exists(postgresDir)
              || Files.exists(redisDir))) {
        Thread.sleep(50);
      }
      assertThat(pids).noneMatch(EmbeddedServerFixtures::running);
      assertThat(postgresDir).doesNotExist();
      assertThat(redisDir).doesNotExist();
      assertThat(running(watchdog)).isFalse();
      System.out.printf(
          "everything gone %d ms after kill -9%n", (System.nanoTime() - killed) / 1_000_000);
    } finally {
      child.destroyForcibly();
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      EmbeddedServerFixtures.deleteTree(dataRoot);
    }
  }
}

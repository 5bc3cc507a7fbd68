package io.testlanes.internal.backend.embedded;

import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.process.SharedMemorySegment;
import io.testlanes.internal.process.Watchdog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * After a crash nothing is left: no process, no directory, no SysV shared memory segment. Two
 * crashes: {@code kill -9} of the JVM that started Postgres, Redis and Cassandra (its watchdog
 * cleans up), and {@code kill -9} of a server itself while that JVM lives (closing the service
 * cleans up).
 */
class EmbeddedKillTest {

  @Test
  void killingTheOwningJvmLeavesNoProcessDirectoryOrSharedMemory() throws Exception {
    Path dataRoot = EmbeddedServerFixtures.newDataRoot();
    Path childLog = Path.of("target", "embedded-kill-child.log").toAbsolutePath();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> segmentsBefore = EmbeddedServerFixtures.sharedMemorySegments();
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                EmbeddedKillChild.class.getName(),
                dataRoot.toString(),
                // Cassandra's warm cache (jars, class-data archive), as EmbeddedCassandraTest's
                CacheDirs.defaultCacheDir(Settings.load()).toString())
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
                } catch (IOException e) {
                  return "EOF " + e;
                }
              });
      String line = ready.get(180, TimeUnit.SECONDS);
      assertThat(line).as("child output; its log is in %s", childLog).startsWith("READY ");
      String[] f = line.split(" ");
      long postgres = Long.parseLong(f[1]);
      long redis = Long.parseLong(f[2]);
      long cassandra = Long.parseLong(f[3]);
      List<Path> dirs = List.of(Path.of(f[4]), Path.of(f[5]), Path.of(f[6]));
      long watchdog = Long.parseLong(f[7]);
      SharedMemorySegment segment = new SharedMemorySegment(Integer.parseInt(f[8]));
      pids.addAll(List.of(postgres, redis, cassandra));
      ProcessHandle.of(postgres).orElseThrow().descendants().forEach(h -> pids.add(h.pid()));
      assertThat(pids).hasSizeGreaterThan(4).allMatch(EmbeddedServerFixtures::running);
      assertThat(dirs).allMatch(Files::isDirectory);
      assertThat(running(watchdog)).isTrue();
      assertThat(segment.exists()).as("postgres's segment %s", segment.id()).isTrue();

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long killed = System.nanoTime();

      awaitUntil(
          () ->
              pids.stream().noneMatch(EmbeddedServerFixtures::running)
                  && dirs.stream().noneMatch(Files::exists)
                  && !exists(segment),
          5);
      assertThat(pids).noneMatch(EmbeddedServerFixtures::running);
      assertThat(dirs).noneMatch(Files::exists);
      assertThat(running(watchdog)).isFalse();
      assertThat(segment.exists()).as("postgres's segment %s", segment.id()).isFalse();
      assertThat(EmbeddedServerFixtures.sharedMemorySegmentsCreatedBy(pids)).isEmpty();
      System.out.printf(
          "everything gone %d ms after kill -9 of the owning JVM; ipcs -m: %d segments before the"
              + " start, %d after the kill (other engineers' servers come and go)%n",
          (System.nanoTime() - killed) / 1_000_000,
          segmentsBefore.size(),
          EmbeddedServerFixtures.sharedMemorySegments().size());
    } finally {
      child.destroyForcibly();
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      EmbeddedServerFixtures.deleteTree(dataRoot);
    }
  }

  @Test
  void aServerKilledWhileItsJvmLivesLeavesNothingOnceClosed() throws Exception {
    Path dataRoot = EmbeddedServerFixtures.newDataRoot();
    try (Watchdog watchdog = Watchdog.start()) {
      var context =
          EmbeddedServerFixtures.context(
              EmbeddedServerFixtures.settings(Map.of()), dataRoot, watchdog, 4);
      for (Service service : List.of(Service.POSTGRES, Service.REDIS)) {
        RunningService started = new EmbeddedBackend().start(service, context);
        EmbeddedServer server = (EmbeddedServer) started.handle();
        List<Long> group = EmbeddedServerFixtures.processGroup(server.pid());
        Path dir = server.directory();
        assertThat(server.sharedMemory().isPresent()).isEqualTo(service == Service.POSTGRES);

        kill9(server.pid());
        awaitUntil(() -> !running(server.pid()), 5);
        server.close();

        assertThat(group)
            .as("%s's processes", service.id())
            .noneMatch(EmbeddedServerFixtures::running);
        assertThat(dir).doesNotExist();
        if (server.sharedMemory().isPresent()) {
          assertThat(server.sharedMemory().get().exists()).as("postgres's segment").isFalse();
        }
        assertThat(EmbeddedServerFixtures.sharedMemorySegmentsCreatedBy(group)).isEmpty();
      }
    } finally {
      EmbeddedServerFixtures.deleteTree(dataRoot);
    }
  }

  private static void kill9(long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private static boolean exists(SharedMemorySegment segment) {
    try {
      return segment.exists();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void awaitUntil(BooleanSupplier done, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && !done.getAsBoolean()) {
      Thread.sleep(50);
    }
  }
}

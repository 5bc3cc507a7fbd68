package io.testlanes.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that stops by itself (its idle grace ended) between {@code down}/{@code status} finding it
 * and calling it: it closes its socket first and releases {@code host.lock} last. Modelled by a
 * process that holds the lock without a socket and exits after a while, as a stopping host does.
 * The benchmarks met it: {@code down} failed with "No such file or directory" for a host that was
 * stopping anyway.
 */
class StoppingHostTest {
  @TempDir Path dir;

  /** A child JVM holding an OS lock on {@code lock} for {@code millis}, then exiting. */
  private Process holdLock(Path lock, long millis) throws IOException, InterruptedException {
    Path src = dir.resolve("Hold.java");
    Files.writeString(
        src,
        """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class Hold {
          public static void main(String[] a) throws Exception {
            try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {
              ch.lock();
              System.out.println("locked");
              Thread.sleep(Long.parseLong(a[1]));
            }
          }
        }
        """,
        StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                src.toString(),
                lock.toString(),
                Long.toString(millis))
            .redirectErrorStream(true)
            .start();
    String line =
        new String(p.getInputStream().readNBytes("locked".length()), StandardCharsets.UTF_8);
    assertThat(line).as("the child holds the lock").isEqualTo("locked");
    return p;
  }

  private RunDirectory runDirectory() throws IOException {
    RunDirectory run = RunDirectory.at(dir.resolve("runs"), "stopping-host", "fingerprint");
    Files.createDirectories(run.path());
    Files.createFile(run.hostLock());
    return run;
  }

  @Test
  void downOfAHostThatIsStoppingByItselfWaitsForItInsteadOfFailing() throws Exception {
    RunDirectory run = runDirectory();
    Process host = holdLock(run.hostLock(), 700);
    try {
      assertThat(RunClient.hostAlive(run)).isTrue();
      assertThat(Files.exists(run.socket())).isFalse();

      assertThat(RunClient.down(run, false, Duration.ofSeconds(20))).isTrue();

      assertThat(RunClient.hostAlive(run)).as("down returned once the host was gone").isFalse();
    } finally {
      host.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void statusOfAHostThatIsStoppingIsNoRun() throws Exception {
    RunDirectory run = runDirectory();
    Process host = holdLock(run.hostLock(), 60_000);
    try {
      assertThat(RunClient.statusOf(run)).isNull();
    } finally {
      host.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void downOfAHostThatStaysWithoutAnsweringFailsAfterTheWait() throws Exception {
    RunDirectory run = runDirectory();
    Process host = holdLock(run.hostLock(), 60_000);
    try {
      assertThatThrownBy(() -> RunClient.down(run, false, Duration.ofMillis(300)))
          .isInstanceOf(IOException.class);
    } finally {
      host.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

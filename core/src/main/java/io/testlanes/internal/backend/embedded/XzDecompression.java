package io.testlanes.internal.backend.embedded;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.XZInputStream;

/**
 * Decompresses an xz stream: with this machine's {@code xz} program when it has one, else with XZ
 * for Java. The program takes about half the CPU time of XZ for Java in the service host (which
 * runs C1 only), and in a process of its own it decompresses on one core while the host writes the
 * files on the other. Measured on the 14 MB Postgres archive (56 MB unpacked), 2 busy cores:
 * extraction 1.7-1.8 s wall and 1.3 CPU-s instead of 2.6-4.1 s and 2.1 CPU-s.
 *
 * <p>The program reads the compressed bytes from a pipe that a thread of this JVM fills, and writes
 * the decompressed ones to a pipe this JVM reads. If this JVM dies, both pipes break and the
 * program exits by itself.
 */
final class XzDecompression {
  static final String PROGRAM = "xz";

  private static final int BUFFER = 1 << 16;
  private static final long EXIT_WAIT_SECONDS = 30;

  private XzDecompression() {}

  /** The {@code xz} program on {@code path} (a {@code PATH} value), if an executable one is. */
  static Optional<Path> program(@Nullable String path) {
    if (path == null || path.isBlank()) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(PROGRAM);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** The {@code xz} program on this process's {@code PATH}, if any. */
  static Optional<Path> program() {
    return program(System.getenv("PATH"));
  }

  /**
   * The decompressed content of {@code compressed}, by {@code program} if present, else by XZ for
   * Java. Closing the returned stream closes {@code compressed}; with a program, it also reads what
   * the program still writes, waits for it to exit, and throws if it failed.
   */
  static InputStream open(InputStream compressed, Optional<Path> program) throws IOException {
    if (program.isEmpty()) {
      return new XZInputStream(new BufferedInputStream(compressed, BUFFER));
    }
    Process process;
    try {
      process =
          new ProcessBuilder(program.get().toString(), "--decompress", "--stdout")
              .redirectError(ProcessBuilder.Redirect.PIPE)
              .start();
    } catch (IOException e) {
      try {
        compressed.close();
      } catch (IOException more) {
        e.addSuppressed(more);
      }
      throw e;
    }
    return new ProgramOutput(program.get(), process, compressed);
  }

  /** What the program writes, while a thread feeds it {@code compressed}. */
  private static final class ProgramOutput extends FilterInputStream {
    private final Path program;
    private final Process process;
    private final InputStream compressed;
    private final Thread feeder;
    private final AtomicReference<@Nullable IOException> feedFailure = new AtomicReference<>();
    private boolean closed;

    ProgramOutput(Path program, Process process, InputStream compressed) {
      super(new BufferedInputStream(process.getInputStream(), BUFFER));
      this.program = program;
      this.process = process;
      this.compressed = compressed;
      this.feeder = new Thread(this::feed, "testlanes-xz-feed");
      feeder.setDaemon(true);
      feeder.start();
    }

    private void feed() {
      try (OutputStream stdin = process.getOutputStream()) {
        compressed.transferTo(stdin);
      } catch (IOException e) {
        // Also when the program exits early (bad input): close() reports its own message first.
        feedFailure.set(e);
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        // A reader such as a tar archive may stop before the end of the stream (its padding):
        // the program must be able to write the rest, or it would fail on a broken pipe.
        in.transferTo(OutputStream.nullOutputStream());
        if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
          throw new IOException(
              program + " did not exit within " + EXIT_WAIT_SECONDS + " s after its output ended");
        }
        feeder.join(TimeUnit.SECONDS.toMillis(EXIT_WAIT_SECONDS));
        int exit = process.exitValue();
        if (exit != 0) {
          String message =
              new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
          throw new IOException(
              program + " --decompress exited with code " + exit + ": " + message,
              feedFailure.get());
        }
        IOException failure = feedFailure.get();
        if (failure != null) {
          throw new IOException("could not feed " + program + ": " + failure.getMessage(), failure);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted =
            new InterruptedIOException("interrupted while waiting for " + program + " to exit");
        interrupted.initCause(e);
        throw interrupted;
      } finally {
        process.destroyForcibly();
        in.close();
        compressed.close();
      }
    }
  }
}

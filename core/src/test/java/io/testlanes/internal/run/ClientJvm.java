package io.testlanes.internal.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link ClientJvmMain}, for multi-process tests. Closing kills it. */
public final class ClientJvm implements AutoCloseable {
  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();

  private ClientJvm(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.startsWith("> ")) {
                    answers.add(line.substring(2));
                  }
                }
              } catch (IOException e) {
                // process gone
              }
            },
            "client-jvm-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public static ClientJvm start(Map<String, String> properties) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(HostClasspath.argument());
    cmd.add(ClientJvmMain.class.getName());
    return new ClientJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
  }

  public long pid() {
    return process.pid();
  }

  /** Sends a command and waits for its answer line. */
  public String send(String command, Duration timeout) throws IOException, InterruptedException {
    stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    String a = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (a == null) {
      throw new AssertionError(
          "no answer to '" + command + "' within " + timeout + "; output so far:\n" + output());
    }
    return a;
  }

  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public void exit() throws InterruptedException {
    try {
      stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}

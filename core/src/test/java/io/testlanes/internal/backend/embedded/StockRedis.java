package io.testlanes.internal.backend.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Redis server as a CI service container or a developer's machine runs it: the stock
 * configuration (16 databases), a password, no persistence; the binary of the embedded-redis
 * artifact. For tests of the external backend. Closing stops it and removes its directory.
 */
public final class StockRedis implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;
  private final String password;

  private StockRedis(Process process, Path dir, int port, String password) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  /** Starts one on a free loopback port and waits until it accepts connections. */
  public static StockRedis start(String password) throws IOException, InterruptedException {
    Path binary =
        RedisBinary.resolve(
            EmbeddedServerFixtures.settings(Map.of()), EmbeddedServerFixtures.sharedCache());
    Path dir = EmbeddedServerFixtures.newDataRoot();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--requirepass",
                    password,
                    "--dir",
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    StockRedis r = new StockRedis(p, dir, port, password);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return r;
      } catch (IOException e) {
        if (!p.isAlive()) {
          String log = Files.readString(dir.resolve("redis.log"));
          r.close();
          throw new IllegalStateException("redis-server exited: " + log, e);
        }
        Thread.sleep(20);
      }
    }
    r.close();
    throw new IllegalStateException("redis-server did not listen on " + port + " within 10 s");
  }

  /** {@code redis://:password@127.0.0.1:port}, as {@code testlanes.redis.url} takes it. */
  public String url() {
    return "redis://:" + password + "@127.0.0.1:" + port;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    process.waitFor();
    EmbeddedServerFixtures.deleteTree(dir);
  }
}

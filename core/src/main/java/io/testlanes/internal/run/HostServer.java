package io.testlanes.internal.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The host's end of the {@link HostProtocol}: a Unix-domain socket, one request and one answer per
 * connection, each handled on a thread of its own (an {@code ensure} may wait for a service to
 * start while others ask for status). A request that fails is answered with its message.
 */
final class HostServer implements AutoCloseable {
  private final Path socket;
  private final ServerSocketChannel server;
  private final Function<Map<String, String>, Map<String, String>> handler;
  private final ExecutorService handlers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "testlanes-host-request");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  private HostServer(
      Path socket,
      ServerSocketChannel server,
      Function<Map<String, String>, Map<String, String>> handler) {
    this.socket = socket;
    this.server = server;
    this.handler = handler;
  }

  /** Binds {@code socket} (replacing a stale one) and serves requests until closed. */
  static HostServer start(Path socket, Function<Map<String, String>, Map<String, String>> handler)
      throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel srv = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    srv.bind(UnixDomainSocketAddress.of(socket));
    HostServer s = new HostServer(socket, srv, handler);
    Thread acceptor = new Thread(s::acceptLoop, "testlanes-host-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return s;
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        RunHost.log("accept failed: " + e);
        continue;
      }
      handlers.execute(() -> handle(ch));
    }
  }

  private void handle(SocketChannel ch) {
    try (ch) {
      InputStream in = Channels.newInputStream(ch);
      Map<String, String> request = HostProtocol.read(in);
      Map<String, String> response;
      try {
        response = handler.apply(request);
      } catch (RuntimeException e) {
        response = new LinkedHashMap<>();
        response.put(HostProtocol.OK, "false");
        response.put(HostProtocol.ERROR, RunHost.describe(e));
      }
      OutputStream out = Channels.newOutputStream(ch);
      HostProtocol.write(out, response);
      out.flush();
    } catch (IOException e) {
      RunHost.log("request failed: " + e);
    }
  }

  /** Stops accepting, closes the socket and removes its file. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      RunHost.log("closing the socket failed: " + e);
    } finally {
      handlers.shutdownNow();
    }
  }
}

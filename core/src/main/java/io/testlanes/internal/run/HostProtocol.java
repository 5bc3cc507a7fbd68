package io.testlanes.internal.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One request and one response per connection over the host's Unix-domain socket. Both are flat
 * {@link Properties} text: easy to read in a log, escaping handled, no library needed.
 *
 * <p>Requests carry {@code command}: {@code ping}, {@code hello} ({@code pid}, {@code
 * description}), {@code ensure} ({@code services}: a comma list), {@code status}, {@code down}.
 * Responses carry {@code ok} ({@code true}/{@code false}) and, when false, {@code error}.
 */
final class HostProtocol {
  static final String COMMAND = "command";
  static final String OK = "ok";
  static final String ERROR = "error";

  private HostProtocol() {}

  /** Sends {@code request} to the host listening on {@code socket} and returns its response. */
  static Map<String, String> call(Path socket, Map<String, String> request) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(ch);
      write(out, request);
      out.flush();
      ch.shutdownOutput();
      return read(Channels.newInputStream(ch));
    }
  }

  static void write(OutputStream out, Map<String, String> message) throws IOException {
    Properties p = new Properties();
    p.putAll(message);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    p.store(buf, null);
    out.write(buf.toByteArray());
  }

  static Map<String, String> read(InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    Properties p = new Properties();
    p.load(
        new java.io.InputStreamReader(
            new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));
    Map<String, String> m = new TreeMap<>();
    p.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
    return m;
  }
}

package io.testlanes.internal.backend.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the Cassandra tests look at from outside: sockets, directories, processes. */
final class CassandraTestSupport {
  private CassandraTestSupport() {}

  /** A fresh data root on tmpfs where there is one. */
  static Path dataRoot() throws IOException {
    Path shm = Path.of("/dev/shm");
    Path base =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? shm
            : Path.of(System.getProperty("java.io.tmpdir"));
    return Files.createTempDirectory(base, "testlanes-cassandra-test-");
  }

  static void delete(Path dir) {
    try {
      CacheDirs.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + dir, e);
    }
  }

  /** Every directory named {@code snapshots} under {@code nodeDir}. */
  static List<Path> snapshotDirs(Path nodeDir) throws IOException {
    try (Stream<Path> all = Files.walk(nodeDir)) {
      return all.filter(p -> p.getFileName().toString().equals("snapshots")).toList();
    }
  }

  /** Live processes whose command line mentions {@code text}. */
  static List<ProcessHandle> processesMentioning(String text) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
        .toList();
  }

  /**
   * The addresses that process {@code pid} listens on with TCP: its socket inodes from {@code
   * /proc/PID/fd}, looked up in {@code /proc/net/tcp} and {@code tcp6}.
   */
  static List<InetSocketAddress> listeningAddresses(long pid) throws IOException {
    List<String> inodes = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // fd closed meanwhile
        }
      }
    }
    Map<String, InetSocketAddress> listeners = new HashMap<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals("0A")) { // LISTEN
          listeners.put(f[9], decode(f[1]));
        }
      }
    }
    List<InetSocketAddress> result = new ArrayList<>();
    for (String inode : inodes) {
      InetSocketAddress a = listeners.get(inode);
      if (a != null) {
        result.add(a);
      }
    }
    return result;
  }

  /** {@code 0100007F:1F90} → 127.0.0.1:8080; the address is in 32-bit little-endian words. */
  private static InetSocketAddress decode(String hexAddressAndPort) throws IOException {
    String[] parts = hexAddressAndPort.split(":");
    String hex = parts[0];
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return new InetSocketAddress(
        InetAddress.getByAddress(bytes), new BigInteger(parts[1], 16).intValue());
  }
}

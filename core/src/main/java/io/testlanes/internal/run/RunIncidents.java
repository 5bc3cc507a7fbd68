package io.testlanes.internal.run;

import io.testlanes.config.Service;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What went wrong during the life of a run's host, for the JVMs attached to it: the services that
 * died (each with the message every later use of it fails with) and a stop by {@code down --force}.
 *
 * <p>The host writes it to {@code incidents.properties} in the run directory when something happens
 * (atomically: a new file moved over the old; mode 0600), and never removes it: attached JVMs read
 * it after the host is gone too. The next host of the run directory removes it before it serves.
 * The file does not exist while all is well, so a JVM's check before each test costs a failed
 * {@code stat}.
 *
 * @param hostPid the host that wrote it; a JVM attached to another host ignores it
 * @param deaths the services that died, with their messages
 * @param down the message of a stop by {@code down}, if there was one
 */
record RunIncidents(long hostPid, Map<Service, String> deaths, Optional<String> down) {
  private static final String HOST_PID = "hostPid";
  private static final String DIED = "died.";
  private static final String DOWN = "down";

  RunIncidents {
    deaths = Map.copyOf(deaths);
  }

  /** Nothing went wrong under host {@code hostPid}. */
  static RunIncidents none(long hostPid) {
    return new RunIncidents(hostPid, Map.of(), Optional.empty());
  }

  /** These incidents and the death of {@code service}. */
  RunIncidents withDeath(Service service, String message) {
    Map<Service, String> d = new EnumMap<>(Service.class);
    d.putAll(deaths);
    d.put(service, message);
    return new RunIncidents(hostPid, d, down);
  }

  /** These incidents and a stop by {@code down}. */
  RunIncidents withDown(String message) {
    return new RunIncidents(hostPid, deaths, Optional.of(message));
  }

  /** Writes them to {@code file}, replacing what it held in one step. */
  void write(Path file) {
    Properties p = new Properties();
    p.setProperty(HOST_PID, Long.toString(hostPid));
    deaths.forEach((s, m) -> p.setProperty(DIED + s.id(), m));
    down.ifPresent(m -> p.setProperty(DOWN, m));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = Files.newOutputStream(tmp)) {
        p.store(out, "what went wrong during the life of this run's host");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Reads {@code file}; empty if there is none.
   *
   * @throws UncheckedIOException if it exists but cannot be read
   */
  static Optional<RunIncidents> read(Path file) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<Service, String> deaths = new EnumMap<>(Service.class);
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith(DIED)) {
        deaths.put(
            Service.valueOf(k.substring(DIED.length()).toUpperCase(Locale.ROOT)), p.getProperty(k));
      }
    }
    return Optional.of(
        new RunIncidents(
            Long.parseLong(p.getProperty(HOST_PID, "0")),
            deaths,
            Optional.ofNullable(p.getProperty(DOWN))));
  }

  /**
   * The incidents of one host as a JVM attached to it sees them: re-read only when the file
   * changed, so that the check before each test is one {@code stat} while nothing happened.
   */
  static final class Reader {
    private final File file;
    private final long hostPid;
    private long seenModified = -1;
    private long seenLength = -1;
    private RunIncidents seen;

    Reader(Path file, long hostPid) {
      this.file = file.toFile();
      this.hostPid = hostPid;
      this.seen = none(hostPid);
    }

    /** The incidents of the host, none while its file does not exist or is another host's. */
    synchronized RunIncidents current() {
      // java.io.File: a missing file is a false, not an exception (the usual case, before each
      // test).
      long modified = file.lastModified();
      if (modified == 0L) {
        return none(hostPid);
      }
      long length = file.length();
      if (modified != seenModified || length != seenLength) {
        RunIncidents read = read(file.toPath()).orElse(none(hostPid));
        seen = read.hostPid() == hostPid ? read : none(hostPid);
        seenModified = modified;
        seenLength = length;
      }
      return seen;
    }
  }
}

package io.testlanes.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who this JVM runs as, and what the service processes it starts may have. As root, every embedded
 * service runs as an unprivileged user ({@link #serviceUser()}): Postgres refuses root, Cassandra
 * as root locks its whole heap in memory (mlockall), and none of them needs more. Whoever they run
 * as, they get a minimal environment ({@link #serviceEnvironment}), so that a secret in this JVM's
 * environment (a {@code TESTLANES_POSTGRES_URL} with its password) never reaches a process that
 * another user may inspect.
 */
public final class Privileges {
  private static final List<String> UNPRIVILEGED_USERS = List.of("postgres", "nobody");

  /** What a service process inherits from this JVM's environment; nothing else. */
  private static final List<String> INHERITED_ENVIRONMENT = List.of("PATH", "LANG", "TZ");

  private Privileges() {}

  /** Whether this process's effective user is root. */
  public static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer i && i == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /**
   * The unprivileged account that runs services when this JVM is root: {@code postgres} if it
   * exists (a dedicated account: other users' processes cannot read what it owns), else {@code
   * nobody}.
   */
  public static Optional<String> unprivilegedUser() {
    try {
      List<String> passwd = Files.readAllLines(Path.of("/etc/passwd"));
      for (String user : UNPRIVILEGED_USERS) {
        for (String line : passwd) {
          if (line.startsWith(user + ":")) {
            return Optional.of(user);
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The user that embedded services run as: {@link #unprivilegedUser()} when this JVM is root;
   * empty when it is not root (services then run as this JVM's user) or when the machine has no
   * such account.
   */
  public static Optional<String> serviceUser() {
    return isRoot() ? unprivilegedUser() : Optional.empty();
  }

  /** Command prefix that runs a program as {@code user} with that user's groups. */
  public static List<String> runAs(String user) {
    return List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--");
  }

  /** Command prefix that runs a program without CAP_IPC_LOCK, so that mlockall fails harmlessly. */
  public static List<String> withoutMemoryLocking() {
    return List.of("setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock", "--");
  }

  /** {@code command} run as {@code user}, or as it is when {@code user} is empty. */
  public static List<String> asUser(Optional<String> user, List<String> command) {
    List<String> full = new ArrayList<>();
    user.ifPresent(u -> full.addAll(runAs(u)));
    full.addAll(command);
    return full;
  }

  /**
   * The environment of a service process: {@code PATH}, {@code LANG} and {@code TZ} from this JVM's
   * environment, plus {@code extra}. Nothing else of this JVM's environment is passed on.
   */
  public static Map<String, String> serviceEnvironment(
      Map<String, String> current, Map<String, String> extra) {
    Map<String, String> env = new TreeMap<>();
    for (String name : INHERITED_ENVIRONMENT) {
      String value = current.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(extra);
    return env;
  }

  /** Makes {@code path} owned by {@code user} (and that user's group), recursively. */
  public static void chown(Path path, String user) throws IOException {
    Process p =
        new ProcessBuilder("chown", "-R", user + ":", path.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("chown -R " + user + ": " + path + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while changing the owner of " + path, e);
    }
  }

  /**
   * The first of {@code path} and its parents that stops {@code user} from reading {@code path} (a
   * directory it cannot pass through, or the file itself), judged by owner and mode bits; empty if
   * none does. Group permissions are not counted, so this may find a blocker where a group would
   * have let the user through: callers then copy or refuse, never fail later.
   */
  public static Optional<Path> blockerFor(Path path, String user) throws IOException {
    Path abs = path.toAbsolutePath().normalize();
    for (Path p = abs; p != null; p = p.getParent()) {
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
      boolean own = a.owner().getName().equals(user);
      PosixFilePermission need;
      if (p.equals(abs) && !a.isDirectory()) {
        need = own ? PosixFilePermission.OWNER_READ : PosixFilePermission.OTHERS_READ;
      } else {
        need = own ? PosixFilePermission.OWNER_EXECUTE : PosixFilePermission.OTHERS_EXECUTE;
      }
      if (!a.permissions().contains(need)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}

package io.testlanes.internal.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

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

  /**
   * Command prefix that runs a program as {@code user}, its login group (by number: {@code
   * nobody}'s is {@code nogroup} on Debian) and its other groups.
   */
  public static List<String> runAs(String user) {
    String group;
    try {
      group = Integer.toString(ids(user)[1]);
    } catch (IOException e) {
      group = user; // setpriv then says what is wrong
    }
    return List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups", "--");
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

  /**
   * Makes {@code path} owned by {@code user} and that user's login group, recursively (as {@code
   * chown -R user:}), without following symbolic links.
   */
  public static void chown(Path path, String user) throws IOException {
    int[] ids = ids(user);
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setAttribute(p, "unix:uid", ids[0], LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", ids[1], LinkOption.NOFOLLOW_LINKS);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The uid and login gid of {@code user}, from {@code /etc/passwd}. */
  private static int[] ids(String user) throws IOException {
    for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
      String[] f = line.split(":", -1);
      if (f.length > 3 && f[0].equals(user)) {
        return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
      }
    }
    throw new IOException("no user '" + user + "' in /etc/passwd");
  }

  /**
   * The first of {@code paths} or their parents that stops {@code user} from reading them (a
   * directory it cannot pass through, or a file it cannot read), judged by owner and mode bits;
   * empty if none does. Each directory is looked at once. Group permissions are not counted, so
   * this may find a blocker where a group would have let the user through: callers then copy or
   * refuse, never fail later.
   */
  public static Optional<Path> blockerFor(Collection<Path> paths, String user) throws IOException {
    int uid = ids(user)[0];
    Map<Path, Boolean> passable = new HashMap<>();
    for (Path path : paths) {
      Path abs = path.toAbsolutePath().normalize();
      if (!allows(abs, uid, !Files.isDirectory(abs))) {
        return Optional.of(abs);
      }
      for (Path p = abs.getParent(); p != null; p = p.getParent()) {
        Boolean known = passable.get(p);
        if (known == null) {
          known = allows(p, uid, false);
          passable.put(p, known);
        }
        if (!known) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** {@link #blockerFor(Collection, String)} of one path. */
  public static Optional<Path> blockerFor(Path path, String user) throws IOException {
    return blockerFor(List.of(path), user);
  }

  /** Whether {@code uid} may read {@code p} (a file) or pass through it (a directory). */
  private static boolean allows(Path p, int uid, boolean read) throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode");
    boolean own = (Integer) Files.getAttribute(p, "unix:uid") == uid;
    int bit = read ? (own ? 0400 : 04) : (own ? 0100 : 01);
    return (mode & bit) != 0;
  }
}

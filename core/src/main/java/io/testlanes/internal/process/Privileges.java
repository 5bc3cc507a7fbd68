package io.testlanes.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who this JVM runs as, and how child processes drop what they must not have. Postgres refuses to
 * run as root; Cassandra as root locks its whole heap in memory (mlockall).
 */
public final class Privileges {
  private static final List<String> UNPRIVILEGED_USERS = List.of("postgres", "nobody");

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
   * The unprivileged account that runs Postgres when this JVM is root: {@code postgres} if it
   * exists, else {@code nobody}.
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

  /** Command prefix that runs a program as {@code user} with that user's groups. */
  public static List<String> runAs(String user) {
    return List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--");
  }

  /** Command prefix that runs a program without CAP_IPC_LOCK, so that mlockall fails harmlessly. */
  public static List<String> withoutMemoryLocking() {
    return List.of("setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock", "--");
  }

  /** Makes {@code path} owned by {@code user} (and that user's group), recursively. */
  public static void chown(Path path, String user) throws IOException {
    Process p =
        new ProcessBuilder("chown", "-R", user + ":", path.toString())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("chown -R " + user + ": " + path + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while changing the owner of " + path, e);
    }
  }
}

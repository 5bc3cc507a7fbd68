package io.testlanes.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivilegesTest {

  @Test
  void aServiceGetsPathLangAndTimeZoneOfThisJvmsEnvironmentAndNothingElse() {
    Map<String, String> current =
        Map.of(
            "PATH", "/usr/bin",
            "LANG", "C.UTF-8",
            "TESTLANES_POSTGRES_URL", "jdbc:postgresql://db/app?password=secret",
            "JAVA_TOOL_OPTIONS", "-javaagent:x.jar",
            "HOME", "/root");

    assertThat(Privileges.serviceEnvironment(current, Map.of("PGTZ", "UTC")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("PATH", "/usr/bin", "LANG", "C.UTF-8", "PGTZ", "UTC"));
  }

  @Test
  void theFirstDirectoryThatStopsAUserIsFound(@TempDir Path temp) throws Exception {
    Path closed = Files.createDirectory(temp.resolve("closed"));
    Path jar = Files.writeString(closed.resolve("a.jar"), "jar");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(Privileges.blockerFor(jar, "nobody")).contains(closed);

    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx--x--x"));
    assertThat(Privileges.blockerFor(List.of(jar, closed.resolve("a.jar")), "nobody")).isEmpty();

    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-------"));
    assertThat(Privileges.blockerFor(jar, "nobody")).contains(jar);
  }

  @Test
  void asRootATreeIsHandedToAUserAndItsLoginGroup(@TempDir Path temp) throws Exception {
    assumeTrue(Privileges.isRoot(), "only root can give files away");
    Path dir = Files.createDirectories(temp.resolve("a/b"));
    Files.writeString(dir.resolve("f"), "x");

    Privileges.chown(temp.resolve("a"), "nobody");

    for (Path p : List.of(temp.resolve("a"), dir, dir.resolve("f"))) {
      assertThat(Files.getOwner(p).getName()).isEqualTo("nobody");
      assertThat(Files.getAttribute(p, "unix:gid")).isEqualTo(65534);
    }
    assertThatThrownBy(() -> Privileges.chown(dir, "no-such-user-here"))
        .hasMessage("no user 'no-such-user-here' in /etc/passwd");
  }

  @Test
  void asRootServicesRunAsTheDedicatedPostgresUserWhereThereIsOne() {
    assumeTrue(Privileges.isRoot(), "services change user only under root");
    Optional<String> expected =
        Files.isRegularFile(Path.of("/etc/passwd")) && passwdHas("postgres")
            ? Optional.of("postgres")
            : Optional.of("nobody");

    assertThat(Privileges.serviceUser()).isEqualTo(expected);
    assertThat(Privileges.asUser(Optional.of("nobody"), List.of("redis-server", "/x.conf")))
        .containsExactly(
            "setpriv",
            "--reuid=nobody",
            "--regid=65534",
            "--init-groups",
            "--",
            "redis-server",
            "/x.conf");
  }

  private static boolean passwdHas(String user) {
    try {
      return Files.readAllLines(Path.of("/etc/passwd")).stream()
          .anyMatch(l -> l.startsWith(user + ":"));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}

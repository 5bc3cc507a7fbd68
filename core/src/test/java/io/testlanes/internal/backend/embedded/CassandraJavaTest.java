package io.testlanes.internal.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraJavaTest {

  @Test
  void featureVersionIsParsedFromOldAndNewSchemes() {
    assertThat(CassandraJava.feature("17.0.15")).isEqualTo(17);
    assertThat(CassandraJava.feature("11")).isEqualTo(11);
    assertThat(CassandraJava.feature("1.8.0_402")).isEqualTo(8);
    assertThat(CassandraJava.feature("25-ea")).isEqualTo(25);
  }

  @Test
  void byDefaultAJava11Or17IsChosen() {
    CassandraJava java = CassandraJava.find(settings(Map.of()));

    assertThat(java.feature()).isIn(11, 17);
    assertThat(java.executable()).isExecutable();
  }

  @Test
  void aConfiguredJavaThatIsTooNewIsRejectedNamingTheKey(@TempDir Path dir) throws IOException {
    Path home = fakeJava(dir, "21.0.2");

    assertThatThrownBy(
            () -> CassandraJava.find(settings(Map.of(Keys.CASSANDRA_JAVA_HOME, home.toString()))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(Keys.CASSANDRA_JAVA_HOME)
        .hasMessageContaining("expected Java 11 or 17")
        .hasMessageContaining("found Java 21")
        .extracting(e -> ((ConfigurationException) e).key())
        .isEqualTo(Keys.CASSANDRA_JAVA_HOME);
  }

  @Test
  void aConfiguredDirectoryWithoutJavaIsRejected(@TempDir Path dir) {
    assertThatThrownBy(
            () -> CassandraJava.find(settings(Map.of(Keys.CASSANDRA_JAVA_HOME, dir.toString()))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("expected a Java installation with bin/java");
  }

  @Test
  void installedJavasAreFoundOncePerRealDirectory(@TempDir Path dir) throws IOException {
    Path seventeen = fakeJava(dir.resolve("jdk-17"), "17.0.9");
    fakeJava(dir.resolve("jdk-21"), "21.0.1");
    Files.createSymbolicLink(dir.resolve("java-17-link"), seventeen);

    List<CassandraJava> found = CassandraJava.installed(dir);

    assertThat(found).extracting(CassandraJava::feature).containsExactlyInAnyOrder(17, 21);
  }

  private static Settings settings(Map<String, String> values) {
    return Settings.load(List.of(ConfigSource.of("test", values)));
  }

  /** A directory that looks like a Java home of {@code version}: a release file and bin/java. */
  static Path fakeJava(Path home, String version) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }
}

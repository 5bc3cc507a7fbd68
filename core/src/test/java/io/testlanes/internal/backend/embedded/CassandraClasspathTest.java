package io.testlanes.internal.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraClasspathTest {
  private static final Path HOME = Path.of("/home/dev");

  @Test
  void settingsLocalRepositoryWithUserHomeIsExpanded() {
    String xml = "<settings><localRepository>${user.home}/maven-repo</localRepository></settings>";

    assertThat(CassandraClasspath.fromSettings(xml, HOME))
        .contains(Path.of("/home/dev/maven-repo"));
  }

  @Test
  void commentedOutLocalRepositoryIsIgnored() {
    String xml = "<settings><!-- <localRepository>/x</localRepository> --></settings>";

    assertThat(CassandraClasspath.fromSettings(xml, HOME)).isEmpty();
  }

  @Test
  void localRepositoryWithAnUnknownPropertyIsIgnored() {
    String xml = "<settings><localRepository>${no.such.property}/r</localRepository></settings>";

    assertThat(CassandraClasspath.fromSettings(xml, HOME)).isEmpty();
  }

  @Test
  void cachedClasspathIsUsedOnlyWhileEveryJarExists(@TempDir Path dir) throws IOException {
    Path a = Files.createFile(dir.resolve("a.jar"));
    Path b = Files.createFile(dir.resolve("b.jar"));
    Path cache = dir.resolve("cassandra-5.0.6.classpath");
    Files.write(cache, List.of(a.toString(), b.toString()));

    assertThat(CassandraClasspath.readCache(cache)).contains(List.of(a, b));

    Files.delete(b);

    assertThat(CassandraClasspath.readCache(cache)).isEmpty();
  }
}

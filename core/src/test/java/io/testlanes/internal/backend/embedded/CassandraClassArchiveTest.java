package io.testlanes.internal.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraClassArchiveTest {

  @Test
  void keyChangesWithTheJdkBuildAndWithAnyJar(@TempDir Path dir) throws IOException {
    Path jar = Files.writeString(dir.resolve("a.jar"), "one");
    CassandraJava java = new CassandraJava(dir, 17, "JAVA_VERSION=\"17.0.15\"");
    String key = CassandraClassArchive.key(java, List.of(jar));

    assertThat(CassandraClassArchive.key(java, List.of(jar))).isEqualTo(key);
    assertThat(
            CassandraClassArchive.key(
                new CassandraJava(dir, 17, "JAVA_VERSION=\"17.0.16\""), List.of(jar)))
        .isNotEqualTo(key);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(0));
    assertThat(CassandraClassArchive.key(java, List.of(jar))).isNotEqualTo(key);
  }

  @Test
  void firstStartCreatesLaterStartsUseAndJava11DoesNeither(@TempDir Path dir) throws IOException {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Path node = Files.createDirectories(dir.resolve("node"));
    List<Path> classpath = List.of(Files.writeString(dir.resolve("a.jar"), "x"));
    CassandraJava java17 = new CassandraJava(dir, 17, "17");

    CassandraClassArchive first = CassandraClassArchive.plan(java17, classpath, cache, node);
    assertThat(first.jvmOptions())
        .containsExactly("-XX:ArchiveClassesAtExit=" + node.resolve("cassandra.jsa"));

    Files.writeString(node.resolve("cassandra.jsa"), "archive");
    first.keepCreated();
    assertThat(first.cached()).hasContent("archive");
    try (var left = Files.list(cache)) {
      assertThat(left).containsExactly(first.cached()); // no temporary file left behind
    }

    CassandraClassArchive second = CassandraClassArchive.plan(java17, classpath, cache, node);
    assertThat(second.used()).isTrue();
    assertThat(second.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + first.cached());

    CassandraJava java11 = new CassandraJava(dir, 11, "11");
    assertThat(CassandraClassArchive.plan(java11, classpath, cache, node).jvmOptions()).isEmpty();
  }

  @Test
  void aNodeThatWritesTheArchiveStopsCleanlyAndKeepsItEveryOtherIsKilled(@TempDir Path dir)
      throws IOException {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Path node = Files.createDirectories(dir.resolve("node"));
    List<Path> classpath = List.of(Files.writeString(dir.resolve("a.jar"), "x"));
    CassandraJava java17 = new CassandraJava(dir, 17, "17");
    CassandraClassArchive first = CassandraClassArchive.plan(java17, classpath, cache, node);

    EmbeddedServer.Stop firstStop = EmbeddedCassandra.stop(first);
    assertThat(firstStop.signal()).isEqualTo("TERM");
    assertThat(firstStop.grace()).isEqualTo(EmbeddedCassandra.STOP_GRACE);
    Files.writeString(node.resolve("cassandra.jsa"), "archive");
    firstStop.afterCleanStop().run();
    assertThat(first.cached()).hasContent("archive");

    CassandraClassArchive later = CassandraClassArchive.plan(java17, classpath, cache, node);
    assertThat(EmbeddedCassandra.stop(later).signal()).isEqualTo("KILL");
    CassandraClassArchive onJava11 =
        CassandraClassArchive.plan(new CassandraJava(dir, 11, "11"), classpath, cache, node);
    assertThat(EmbeddedCassandra.stop(onJava11).signal()).isEqualTo("KILL");
  }
}

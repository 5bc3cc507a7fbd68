package io.testlanes.internal.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraClasspathTest {
  private static final Path HOME = Path.of("/home/dev");

  /** A POM and a jar: org.example:app:1.0 depends on org.example:lib:1.0. */
  private static final Map<String, byte[]> REPOSITORY =
      Map.of(
          "org/example/app/1.0/app-1.0.pom", pom("app", "lib"),
          "org/example/app/1.0/app-1.0.jar", "app".getBytes(StandardCharsets.UTF_8),
          "org/example/lib/1.0/lib-1.0.pom", pom("lib", null),
          "org/example/lib/1.0/lib-1.0.jar", "lib".getBytes(StandardCharsets.UTF_8));

  /** The paths the remote repository was asked for. */
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private HttpServer remote;

  @BeforeEach
  void startRemote() throws IOException {
    remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    remote.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath().substring(1);
          requests.add(path);
          byte[] body = REPOSITORY.get(path);
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    remote.start();
  }

  @AfterEach
  void stopRemote() {
    remote.stop(0);
  }

  private String remoteUrl() {
    return "http://127.0.0.1:" + remote.getAddress().getPort() + "/";
  }

  @Test
  void everythingInTheLocalRepositoryResolvesWithoutAskingTheRemoteOne(@TempDir Path local)
      throws Exception {
    for (Map.Entry<String, byte[]> file : REPOSITORY.entrySet()) {
      Path p = local.resolve(file.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, file.getValue());
    }

    List<Path> jars = CassandraClasspath.resolve("org.example:app:1.0", local, remoteUrl());

    assertThat(jars)
        .containsExactly(
            local.resolve("org/example/app/1.0/app-1.0.jar"),
            local.resolve("org/example/lib/1.0/lib-1.0.jar"));
    assertThat(requests).isEmpty();
  }

  @Test
  void whatTheLocalRepositoryLacksComesFromTheRemoteOne(@TempDir Path local) throws Exception {
    Path app = local.resolve("org/example/app/1.0/app-1.0.pom");
    Files.createDirectories(app.getParent());
    Files.write(app, REPOSITORY.get("org/example/app/1.0/app-1.0.pom"));
    Files.write(app.resolveSibling("app-1.0.jar"), "app".getBytes(StandardCharsets.UTF_8));

    List<Path> jars = CassandraClasspath.resolve("org.example:app:1.0", local, remoteUrl());

    assertThat(jars)
        .containsExactly(
            local.resolve("org/example/app/1.0/app-1.0.jar"),
            local.resolve("org/example/lib/1.0/lib-1.0.jar"));
    assertThat(local.resolve("org/example/lib/1.0/lib-1.0.jar")).hasContent("lib");
    assertThat(requests)
        .contains("org/example/lib/1.0/lib-1.0.pom", "org/example/lib/1.0/lib-1.0.jar");
  }

  private static byte[] pom(String artifactId, @Nullable String dependency) {
    String dependencies =
        dependency == null
            ? ""
            : "<dependencies><dependency><groupId>org.example</groupId><artifactId>"
                + dependency
                + "</artifactId><version>1.0</version></dependency></dependencies>";
    return ("<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId>"
            + "<artifactId>"
            + artifactId
            + "</artifactId><version>1.0</version>"
            + dependencies
            + "</project>")
        .getBytes(StandardCharsets.UTF_8);
  }

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

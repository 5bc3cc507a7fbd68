package io.testlanes.junit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.Lane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maven Surefire runs a project's {@code @TestLanes} test for real, on the module path (the project
 * has a {@code module-info}: Surefire's default) and on the class path. A nested Maven build of
 * {@code src/test/projects/module-path} gets this build's jars of testlanes (with their {@code
 * Automatic-Module-Name}s) in a local repository of its own and everything else from this build's
 * local repository through a file mirror: no network. It builds into {@code target/it/}, never into
 * {@code src/}. Runs after {@code package} (Failsafe).
 */
class SurefireLaunchIT {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
  private static final String REPORT = "TEST-io.testlanes.it.modulepath.VisitsTest.xml";

  private static final Path PROJECT =
      Path.of(System.getProperty("basedir", ".")).resolve("src/test/projects/module-path");

  private static Path work = Path.of("unset");
  private static Path settings = Path.of("unset");

  @BeforeAll
  static void prepareRepository() throws Exception {
    work =
        Files.createDirectories(Path.of(System.getProperty("basedir", ".")).resolve("target/it"));
    Path repo = work.resolve("repo");
    String version = property("launch.testlanesVersion");
    install(repo, "testlanes-parent", version, Path.of(property("launch.parentPom")), null);
    Path coreJar = Path.of(Lane.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(coreJar).as("testlanes-core as a jar (run mvn verify)").isRegularFile();
    install(repo, "testlanes-core", version, Path.of(property("launch.corePom")), coreJar);
    install(
        repo,
        "testlanes-junit",
        version,
        Path.of(property("launch.junitPom")),
        Path.of(property("launch.junitJar")));
    settings = work.resolve("settings.xml");
    Files.writeString(
        settings,
        String.join(
            "\n",
            "<settings>",
            "  <mirrors>",
            "    <mirror>",
            "      <id>outer-build-local-repository</id>",
            "      <mirrorOf>*</mirrorOf>",
            "      <url>" + Path.of(property("launch.localRepository")).toUri() + "</url>",
            "    </mirror>",
            "  </mirrors>",
            "</settings>",
            ""));
  }

  @Test
  void onTheModulePath() throws Exception {
    Launch.Marker marker = build("module-path", List.of());
    assertThat(marker.module()).isEqualTo("io.testlanes.it.modulepath");
  }

  @Test
  void onTheClassPath() throws Exception {
    Launch.Marker marker = build("class-path", List.of("-Dsurefire.useModulePath=false"));
    assertThat(marker.module()).isEqualTo("unnamed");
  }

  /**
   * Runs {@code mvn test} on the project, building into a directory of its own; returns where its
   * test ran.
   */
  private static Launch.Marker build(String name, List<String> options) throws Exception {
    Path dir = Files.createTempDirectory(work, name + "-");
    Launch launch = new Launch(dir);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(property("launch.mavenHome"), "bin", "mvn").toString());
    cmd.addAll(
        List.of("-B", "-s", settings.toString(), "-f", PROJECT.resolve("pom.xml").toString()));
    cmd.add("-DbuildDirectory=" + dir.resolve("target"));
    cmd.add("-Dmaven.repo.local=" + work.resolve("repo"));
    cmd.add("-Dtestlanes-version=" + property("launch.testlanesVersion"));
    cmd.add("-Dresources-plugin.version=" + property("launch.resourcesPluginVersion"));
    cmd.add("-Dcompiler-plugin.version=" + property("launch.compilerPluginVersion"));
    cmd.add("-Dsurefire.version=" + property("launch.surefireVersion"));
    cmd.addAll(options);
    cmd.addAll(launch.systemProperties());
    cmd.add("test");
    Launch.Result r =
        launch.run(
            "mvn test (" + name + ")",
            cmd,
            Map.of("JAVA_HOME", System.getProperty("java.home")),
            BUILD_TIMEOUT);
    assertThat(r.exitCode()).as(r.output()).isZero();
    String report = Files.readString(dir.resolve("target/surefire-reports").resolve(REPORT));
    assertThat(report).contains("tests=\"1\"", "errors=\"0\"", "skipped=\"0\"", "failures=\"0\"");
    Launch.Marker marker = launch.marker();
    launch.assertHostAndServicesStop(marker);
    return marker;
  }

  /** Puts a pom (and jar) where a local repository has it, as {@code mvn install} would. */
  private static void install(
      Path repo, String artifactId, String version, Path pom, @Nullable Path jar)
      throws IOException {
    Path dir = repo.resolve("io/testlanes").resolve(artifactId).resolve(version);
    Files.createDirectories(dir);
    String base = artifactId + "-" + version;
    Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      Files.copy(jar, dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    if (v == null) {
      throw new AssertionError(
          "no system property " + name + ": the Failsafe configuration sets it");
    }
    return v;
  }
}

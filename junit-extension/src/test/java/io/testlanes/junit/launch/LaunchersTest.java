package io.testlanes.junit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways people launch one test class outside Maven, each in a JVM of its own: the service host
 * must start whichever class loader holds the test class path, the test must pass on a real Redis,
 * and the host and Redis must stop after the idle grace once the launch is over.
 */
class LaunchersTest {
  private static final String TEST_CASE = RedisVisitTestCase.class.getName();
  private static final Duration LAUNCH_TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void plainJavaWithEverythingOnTheClassPathAsIdesLaunch() throws Exception {
    Launch launch = new Launch(dir);
    List<String> cmd = jvm(launch);
    cmd.add("-cp");
    cmd.add(Launch.testClassPath() + File.pathSeparator + consoleStandalone());
    cmd.add("org.junit.platform.console.ConsoleLauncher");
    cmd.addAll(consoleOptions());
    cmd.addAll(List.of("--select-class", TEST_CASE));
    assertPassedAndStopped("java -cp <all> ConsoleLauncher", launch, cmd);
  }

  @Test
  void consoleLauncherWithTheTestClassPathInItsClassPathOption() throws Exception {
    Launch launch = new Launch(dir);
    List<String> cmd = jvm(launch);
    cmd.add("-jar");
    cmd.add(consoleStandalone().toString());
    cmd.addAll(consoleOptions());
    cmd.addAll(List.of("-cp", Launch.testClassPath(), "--select-class", TEST_CASE));
    assertPassedAndStopped("java -jar console-standalone -cp <tests>", launch, cmd);
  }

  @Test
  void launcherWithTheTestClassPathInAChildUrlClassLoader() throws Exception {
    Launch launch = new Launch(dir);
    List<String> cmd = jvm(launch);
    cmd.add("-cp");
    cmd.add(
        Path.of(ChildLoaderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString());
    cmd.add(ChildLoaderMain.class.getName());
    cmd.add(Launch.testClassPath());
    cmd.add(TEST_CASE);
    assertPassedAndStopped("child URLClassLoader", launch, cmd);
  }

  private static void assertPassedAndStopped(String label, Launch launch, List<String> cmd)
      throws Exception {
    Launch.Result r = launch.run(label, cmd, Map.of(), LAUNCH_TIMEOUT);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("1 tests successful");
    Launch.Marker marker = launch.marker();
    assertThat(marker.module()).isEqualTo("unnamed");
    launch.assertHostAndServicesStop(marker);
  }

  private static List<String> jvm(Launch launch) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Launch.java());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.addAll(launch.systemProperties());
    return cmd;
  }

  private static List<String> consoleOptions() {
    return List.of("execute", "--disable-banner", "--disable-ansi-colors", "--fail-if-no-tests");
  }

  /** Copied by the build (maven-dependency-plugin) into target/launchers, off the class path. */
  private static Path consoleStandalone() {
    Path jar =
        Path.of(System.getProperty("basedir", "."))
            .resolve("target/launchers/junit-platform-console-standalone.jar");
    assertThat(jar)
        .as("the JUnit console launcher; mvn -pl junit-extension generate-test-resources copies it")
        .isRegularFile();
    return jar;
  }
}

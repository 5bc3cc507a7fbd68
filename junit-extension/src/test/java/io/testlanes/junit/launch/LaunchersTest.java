package io.testlanes.junit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
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
    String all = Launch.testClassPath() + File.pathSeparator + consoleStandalone();
    passesAndStops(
        "java -cp <all> ConsoleLauncher",
        console(List.of("-cp", all, "org.junit.platform.console.ConsoleLauncher"), List.of()));
  }

  @Test
  void consoleLauncherWithTheTestClassPathInItsClassPathOption() throws Exception {
    passesAndStops(
        "java -jar console-standalone -cp <tests>",
        console(
            List.of("-jar", consoleStandalone().toString()),
            List.of("-cp", Launch.testClassPath())));
  }

  @Test
  void launcherWithTheTestClassPathInAChildUrlClassLoader() throws Exception {
    URI ownClasses =
        ChildLoaderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    passesAndStops(
        "child URLClassLoader",
        List.of(
            "-cp",
            Path.of(ownClasses).toString(),
            ChildLoaderMain.class.getName(),
            Launch.testClassPath(),
            TEST_CASE));
  }

  /** Runs {@code java <args>} with this launch's settings; asserts the test passed and all stop. */
  private void passesAndStops(String label, List<String> args) throws Exception {
    Launch launch = new Launch(dir);
    List<String> cmd = new ArrayList<>();
    cmd.add(Launch.java());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.addAll(launch.systemProperties());
    cmd.addAll(args);
    Launch.Result r = launch.run(label, cmd, Map.of(), LAUNCH_TIMEOUT);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("1 tests successful");
    Launch.Marker marker = launch.marker();
    assertThat(marker.module()).isEqualTo("unnamed");
    launch.assertHostAndServicesStop(marker);
  }

  /** The console launcher's {@code execute} of {@link #TEST_CASE}, between JVM and own options. */
  private static List<String> console(List<String> jvmArgs, List<String> launcherArgs) {
    List<String> args = new ArrayList<>(jvmArgs);
    args.addAll(List.of("execute", "--disable-banner", "--disable-ansi-colors"));
    args.add("--fail-if-no-tests");
    args.addAll(launcherArgs);
    args.addAll(List.of("--select-class", TEST_CASE));
    return args;
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

package io.testlanes.junit.launch;

import java.io.File;
import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A test launcher as Gradle-style workers and some IDE runners are: the test class path is loaded
 * in a {@link URLClassLoader} of its own, a child of the platform class loader (so none of it is on
 * {@code java.class.path}), and the JUnit Platform Launcher runs inside it.
 *
 * <p>{@code java -cp <this class's directory> ...ChildLoaderMain <test class path> <test class>}
 * exits 0 when at least one test ran and none failed.
 */
public final class ChildLoaderMain {
  private ChildLoaderMain() {}

  public static void main(String[] args) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : args[0].split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    boolean passed;
    try (URLClassLoader tests =
        new URLClassLoader(
            "tests", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(tests);
      Class<?> inside = Class.forName(ChildLoaderMain.class.getName() + "$Inside", true, tests);
      passed = Boolean.TRUE.equals(inside.getMethod("run", String.class).invoke(null, args[1]));
    }
    System.exit(passed ? 0 : 1);
  }

  /** Defined by the child class loader: runs one test class on the JUnit Platform there. */
  public static final class Inside {
    private Inside() {}

    public static boolean run(String testClass) {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(DiscoverySelectors.selectClass(testClass))
              .build();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(request, listener);
      TestExecutionSummary summary = listener.getSummary();
      PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
      summary.printTo(out);
      summary.printFailuresTo(out, 30);
      return summary.getTestsSucceededCount() > 0 && summary.getTotalFailureCount() == 0;
    }
  }
}

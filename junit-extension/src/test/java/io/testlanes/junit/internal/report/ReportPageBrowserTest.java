package io.testlanes.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report page in headless Chromium (Debian package {@code chromium}) and checks that the
 * script drew the timeline: one row per lane, a bar per class, painted in the outcome colours.
 *
 * <p>Chromium is looked up on the {@code PATH} as {@code chromium} or {@code chromium-browser}, or
 * taken from {@code -Dchromium.path=<path>}. Skipped when it is not installed, unless {@code
 * -Dchromium.required=true} (set by CI), which makes a missing browser a failure. The page and its
 * screenshot are left in {@code target/testlanes-browser/}.
 */
class ReportPageBrowserTest {
  private static final Path OUT = Path.of("target", "testlanes-browser");
  private static final long T0 = 1_764_000_000_000L;
  private static final Pattern LANE_ROW =
      Pattern.compile(
          "<g class=\"row lane-row\"[^>]*data-lane=\"([^\"]+)\"[^>]*>(.*?)</g>", Pattern.DOTALL);
  private static final Pattern CLASS_BAR =
      Pattern.compile("<rect [^>]*class=\"bar class-bar[^\"]*\"[^>]*data-class=\"([^\"]+)\"");
  private static final Pattern SERVICE_BAR =
      Pattern.compile("<rect [^>]*class=\"bar service-bar\"[^>]*data-service=\"([^\"]+)\"");

  @TempDir Path profile;

  @Test
  void chromiumDrawsOneRowPerLaneAndABarPerClass() throws Exception {
    Path chromium = chromium();
    RunData run = RunData.of("browser-test", exampleRun());
    Path html = Files.createDirectories(OUT).resolve("report.html").toAbsolutePath();
    Files.writeString(html, HtmlReport.render(run, Optional.empty()));

    String dom = chromium(chromium, "--dump-dom", html.toUri().toString());

    assertThat(dom).contains("data-timeline=\"drawn\"");
    List<String> lanes = new ArrayList<>();
    Set<String> classes = new TreeSet<>();
    int bars = 0;
    Matcher row = LANE_ROW.matcher(dom);
    while (row.find()) {
      lanes.add(row.group(1));
      int inRow = 0;
      Matcher bar = CLASS_BAR.matcher(row.group(2));
      while (bar.find()) {
        classes.add(bar.group(1));
        inRow++;
      }
      RunData.Row expected = run.rows().get(lanes.size() - 1);
      assertThat(inRow).as("bars in %s", row.group(1)).isEqualTo(expected.bars().size());
      bars += inRow;
    }
    assertThat(lanes).containsExactly("lane_1", "lane_2", "lane_3", "lane_4");
    assertThat(classes).isEqualTo(run.classes().keySet()).hasSize(36);
    assertThat(bars).isEqualTo(36);
    Set<String> services = new HashSet<>();
    Matcher service = SERVICE_BAR.matcher(dom);
    while (service.find()) {
      services.add(service.group(1));
    }
    assertThat(services).containsExactlyInAnyOrder("postgres", "redis", "cassandra");

    Path png = OUT.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium(
        chromium,
        "--screenshot=" + png,
        "--window-size=1400,900",
        "--hide-scrollbars",
        html.toUri().toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(900);
    assertThat(pixels(image, 0x2f9e5f)).as("green (passed) pixels").isGreaterThan(5_000);
    assertThat(pixels(image, 0xd64545)).as("red (failed) pixels").isGreaterThan(200);
    assertThat(pixels(image, 0x8a6bd1)).as("purple (lane prepare) pixels").isGreaterThan(100);
    System.out.println("report page screenshot: " + png);
  }

  private static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  /** The Chromium executable; skips the test, or fails it when CI requires Chromium. */
  private static Path chromium() {
    Optional<Path> found = Optional.empty();
    String given = System.getProperty("chromium.path");
    String path = given != null ? "" : System.getenv().getOrDefault("PATH", "");
    if (given != null && Files.isExecutable(Path.of(given))) {
      found = Optional.of(Path.of(given));
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (found.isEmpty() && Files.isExecutable(p)) {
          found = Optional.of(p);
        }
      }
    }
    String missing =
        "Chromium is not installed: install the Debian package with"
            + " `apt-get install -y chromium`";
    if (found.isEmpty()
        && (Boolean.getBoolean("chromium.required")
            || "true".equals(System.getenv("CHROMIUM_REQUIRED")))) {
      fail(missing + " (required by -Dchromium.required=true or CHROMIUM_REQUIRED=true)");
    }
    assumeTrue(found.isPresent(), missing);
    return found.orElseThrow();
  }

  /**
   * Runs headless Chromium in a session of its own, returns its standard output, and kills what is
   * left of its process group (helpers, crash handler) when it is done.
   */
  private String chromium(Path chromium, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("setsid");
    cmd.add(chromium.toString());
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + profile.resolve("profile")));
    cmd.addAll(List.of(args));
    Path out = profile.resolve("stdout.txt");
    Path err = profile.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        fail("chromium did not finish in 120 s: " + cmd);
      }
      assertThat(p.exitValue())
          .as("chromium exit code; its log:%n%s", Files.readString(err))
          .isZero();
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(10, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  /**
   * A run like the example suite's on 4 lanes in 2 JVMs: services start together, each lane is
   * prepared, then the lanes take the recorded classes longest first as they come free.
   */
  static List<Part> exampleRun() throws IOException, URISyntaxException {
    Map<String, Long> timings =
        Timings.read(
            Path.of(
                ReportPageBrowserTest.class
                    .getResource("/io/testlanes/junit/internal/shard/example-timings.json")
                    .toURI()));
    List<Phase> phases = new ArrayList<>();
    phases.add(new Phase(Phase.Kind.SERVICE, "cassandra", T0, T0 + 14_800));
    phases.add(new Phase(Phase.Kind.SERVICE, "postgres", T0, T0 + 1_900));
    phases.add(new Phase(Phase.Kind.SERVICE, "redis", T0, T0 + 300));
    long[] free = new long[4];
    for (int lane = 0; lane < 4; lane++) {
      long prepared = T0 + 14_800 + 450 + 180L * lane;
      phases.add(new Phase(Phase.Kind.LANE, "lane_" + (lane + 1), T0 + 14_800, prepared));
      free[lane] = prepared;
    }
    List<List<ClassRecord>> classes = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<TestRecord>> tests = List.of(new ArrayList<>(), new ArrayList<>());
    List<Map.Entry<String, Long>> order = new ArrayList<>(timings.entrySet());
    order.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    for (Map.Entry<String, Long> e : order) {
      int lane = 0;
      for (int l = 1; l < 4; l++) {
        if (free[l] < free[lane]) {
          lane = l;
        }
      }
      int jvm = lane / 2;
      long pid = 41_001 + jvm;
      String name = "lane_" + (lane + 1);
      long start = free[lane] + 15;
      long end = start + e.getValue();
      free[lane] = end;
      Outcome outcome =
          e.getKey().endsWith("PaymentFlowTest") || e.getKey().endsWith("CouponTest")
              ? Outcome.FAILED
              : e.getKey().endsWith("ClockTest") ? Outcome.ABORTED : Outcome.PASSED;
      classes.get(jvm).add(new ClassRecord(e.getKey(), name, pid, start, end, outcome));
      int n = 3 + (int) (e.getValue() % 7);
      for (int t = 0; t < n; t++) {
        long ts = start + (end - start) * t / n;
        Outcome o = outcome == Outcome.FAILED && t == 0 ? Outcome.FAILED : Outcome.PASSED;
        tests.get(jvm).add(new TestRecord(e.getKey(), "test" + t + "()", name, pid, ts, ts + 1, o));
      }
    }
    long end = T0;
    for (long f : free) {
      end = Math.max(end, f + 40);
    }
    return List.of(
        new Part("browser-test", 41_001, T0, end, classes.get(0), tests.get(0), phases),
        new Part("browser-test", 41_002, T0 + 400, end, classes.get(1), tests.get(1), List.of()));
  }
}

package io.testlanes.junit.internal.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.junit.internal.report.Timings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the shard filter as the launcher loads it (ServiceLoader) over real fixture classes. The
 * fixtures are nested classes named {@code *TestCase}: Surefire skips nested classes, so they run
 * only when a test here selects them.
 */
class ShardFilterTest {
  private static final List<Class<?>> FIXTURES =
      List.of(
          Shard01TestCase.class,
          Shard02TestCase.class,
          Shard03TestCase.class,
          Shard04TestCase.class,
          Shard05TestCase.class,
          Shard06TestCase.class,
          Shard07TestCase.class,
          Shard08TestCase.class,
          Shard09TestCase.class,
          Shard10TestCase.class,
          Shard11TestCase.class,
          Shard12TestCase.class);

  @TempDir Path dir;

  private static Set<String> names() {
    Set<String> out = new TreeSet<>();
    FIXTURES.forEach(c -> out.add(c.getName()));
    return out;
  }

  private LauncherDiscoveryRequest request(@Nullable String shard) {
    return request(shard, names());
  }

  private LauncherDiscoveryRequest request(@Nullable String shard, Set<String> classes) {
    LauncherDiscoveryRequestBuilder b =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(classes.stream().map(DiscoverySelectors::selectClass).toList())
            .configurationParameter(Keys.REPORT_DIR, dir.resolve("report").toString())
            .configurationParameter(Keys.TIMINGS_FILE, dir.resolve("timings.json").toString());
    if (shard != null) {
      b.configurationParameter(Keys.SHARD, shard);
    }
    return b.build();
  }

  private static Set<String> classesIn(TestPlan plan) {
    Set<String> out = new TreeSet<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier child : plan.getChildren(root)) {
        if (child.getSource().orElse(null) instanceof ClassSource cs) {
          out.add(cs.getClassName());
        }
      }
    }
    return out;
  }

  private Set<String> discover(@Nullable String shard) {
    return classesIn(LauncherFactory.create().discover(request(shard)));
  }

  private Set<String> discover(String shard, String onlyClass) {
    return classesIn(LauncherFactory.create().discover(request(shard, Set.of(onlyClass))));
  }

  private void writeTimings() {
    Map<String, Long> timings = new TreeMap<>();
    long[] ms = {9000, 200, 4000, 150, 3000, 800, 2500, 100, 1200, 60};
    for (int i = 0; i < ms.length; i++) {
      timings.put(FIXTURES.get(i).getName(), ms[i]);
    }
    // Shard11 and Shard12 have no timing: they go by their names and count as the median.
    Timings.write(dir.resolve("timings.json"), timings);
  }

  @Test
  void withoutTheKeyEveryClassRuns() {
    assertThat(discover(null)).isEqualTo(names());
  }

  @Test
  void theShardsOfARunAreDisjointCoverTheSuiteAndFollowTheTimings() {
    writeTimings();
    Map<String, Long> timings = Timings.read(dir.resolve("timings.json"));
    ShardPlan expected = ShardPlan.split(names(), timings, 4);

    Set<String> union = new HashSet<>();
    int total = 0;
    for (int i = 1; i <= 4; i++) {
      Set<String> shard = discover(i + "/4");
      assertThat(shard).as("shard %d/4", i).isNotEmpty();
      for (String c : shard) {
        assertThat(expected.shardOf(c)).as(c).isEqualTo(i);
      }
      assertThat(discover(i + "/4")).as("the same split again").isEqualTo(shard);
      union.addAll(shard);
      total += shard.size();
    }
    assertThat(union).isEqualTo(names());
    assertThat(total).as("no class in two shards").isEqualTo(names().size());
    // The 9 s class is the only timed class of its shard: nothing else fits beside it in a
    // balanced split (classes without a timing go by their names).
    assertThat(discover(expected.shardOf(FIXTURES.get(0).getName()) + "/4"))
        .filteredOn(timings::containsKey)
        .containsExactly(FIXTURES.get(0).getName());
  }

  @Test
  void withoutTimingsTheSplitIsByClassName() {
    for (int i = 1; i <= 3; i++) {
      Set<String> expected = new TreeSet<>();
      for (String name : names()) {
        if (Math.floorMod(name.hashCode(), 3) == i - 1) {
          expected.add(name);
        }
      }
      assertThat(discover(i + "/3")).isEqualTo(expected);
    }
  }

  /** Surefire's scan for test classes discovers each class alone, with the filters applied. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void eachClassDiscoveredAloneAsSurefireScansThemKeepsItsShard(boolean timed) {
    if (timed) {
      writeTimings();
    }
    for (int i = 1; i <= 3; i++) {
      Set<String> alone = new TreeSet<>();
      for (String name : names()) {
        alone.addAll(discover(i + "/3", name));
      }
      assertThat(alone).as("shard %d/3", i).isEqualTo(discover(i + "/3")).isNotEmpty();
    }
  }

  @Test
  void onlyTheShardsTestsAreExecuted() {
    writeTimings();
    Set<String> shard = discover("2/4");
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(summary)
                .build());

    launcher.execute(request("2/4"));

    assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(shard.size());
    assertThat(summary.getSummary().getTestsFoundCount()).isEqualTo(shard.size());
  }

  @Test
  void aBadShardFailsDiscoveryNamingTheKey() {
    assertThatThrownBy(() -> discover("5/4"))
        .satisfies(
            e ->
                assertThat(configurationError(e))
                    .hasMessageContaining("Invalid value '5/4' for testlanes.shard")
                    .hasMessageContaining("expected i/n with 1 <= i <= n"));
  }

  /** The configuration error that {@code e} reports, however the launcher wrapped it. */
  private static Throwable configurationError(Throwable e) {
    Throwable cause = e;
    while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertThat(cause).isInstanceOf(ConfigurationException.class);
    return cause;
  }

  @Test
  void aMisspeltParameterFailsDiscoveryWithTheKeyItMeans() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(Shard01TestCase.class))
            .configurationParameter("testlanes.shrad", "1/2")
            .build();
    assertThatThrownBy(() -> LauncherFactory.create().discover(request))
        .satisfies(
            e ->
                assertThat(configurationError(e))
                    .hasMessage(
                        "Unknown configuration key 'testlanes.shrad' (from JUnit configuration"
                            + " parameter testlanes.shrad): did you mean testlanes.shard? Expected"
                            + " one of the keys listed in io.testlanes.config.Keys. Fix: rename it"
                            + " to testlanes.shard, or remove it."));
  }

  static class Shard01TestCase {
    @Test
    void runs() {}
  }

  static class Shard02TestCase {
    @Test
    void runs() {}
  }

  static class Shard03TestCase {
    @Test
    void runs() {}
  }

  static class Shard04TestCase {
    @Test
    void runs() {}
  }

  static class Shard05TestCase {
    @Test
    void runs() {}
  }

  static class Shard06TestCase {
    @Test
    void runs() {}
  }

  static class Shard07TestCase {
    @Test
    void runs() {}
  }

  static class Shard08TestCase {
    @Test
    void runs() {}
  }

  static class Shard09TestCase {
    @Test
    void runs() {}
  }

  static class Shard10TestCase {
    @Test
    void runs() {}
  }

  static class Shard11TestCase {
    @Test
    void runs() {}
  }

  static class Shard12TestCase {
    @Test
    void runs() {}
  }
}

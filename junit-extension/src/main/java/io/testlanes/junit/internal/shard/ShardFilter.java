package io.testlanes.junit.internal.shard;

import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.config.Shard;
import io.testlanes.junit.internal.plan.JunitSettings;
import io.testlanes.junit.internal.report.Timings;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps only the test classes of this CI node's shard, {@link Keys#SHARD} {@code = i/n}, as split
 * by {@link ShardPlan} from the timings of earlier runs ({@link Keys#TIMINGS_FILE}). Without the
 * key every test runs.
 *
 * <p>Registered through {@code ServiceLoader} twice: as a {@link LauncherDiscoveryListener}, to see
 * the discovery request's JUnit configuration parameters (a post-discovery filter is not given
 * them), and as the {@link PostDiscoveryFilter} itself. The launcher applies the filter to the
 * leaves of each engine's tree, on the thread that started discovery; the split is computed once
 * per engine tree, from all of its top-level test classes and the timed classes on the classpath.
 *
 * <p>Every JVM of a run reads the timings as they were when the run started (see {@code
 * RunDirectory}), so forks agree even while finished forks update the file. A class's shard does
 * not depend on what else one discovery saw (see {@link ShardPlan}): Surefire discovers every class
 * alone in its scan for classes with tests, and streams classes one at a time to its forks with
 * {@code forkCount > 1}.
 */
public final class ShardFilter implements PostDiscoveryFilter, LauncherDiscoveryListener {
  private static final ThreadLocal<ConfigurationParameters> PARAMETERS = new ThreadLocal<>();
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private final PrintStream out;
  private @Nullable TestDescriptor lastRoot;
  private @Nullable Decision lastDecision;

  /** The instance the launcher loads. */
  public ShardFilter() {
    this(System.out);
  }

  ShardFilter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
    PARAMETERS.set(request.getConfigurationParameters());
  }

  @Override
  public void launcherDiscoveryFinished(LauncherDiscoveryRequest request) {
    PARAMETERS.remove();
  }

  @Override
  public synchronized FilterResult apply(TestDescriptor descriptor) {
    TestDescriptor root = root(descriptor);
    Decision decision = lastDecision;
    if (root != lastRoot || decision == null) {
      decision = decide(root);
      lastRoot = root;
      lastDecision = decision;
    }
    if (decision.shard == null || decision.plan == null) {
      return FilterResult.included("no shard configured");
    }
    Optional<String> cls = topLevelClass(descriptor);
    if (cls.isEmpty()) {
      return FilterResult.included("not in a test class");
    }
    int of = decision.plan.shardOf(cls.get());
    return of == decision.shard.index()
        ? FilterResult.included("in shard " + decision.shard)
        : FilterResult.excluded(
            "in shard " + of + "/" + decision.shard.count() + ", not " + decision.shard);
  }

  private record Decision(@Nullable Shard shard, @Nullable ShardPlan plan) {}

  private Decision decide(TestDescriptor root) {
    ConfigurationParameters params = PARAMETERS.get();
    Settings settings = params == null ? Settings.load() : JunitSettings.load(params);
    Optional<Shard> shard = settings.shard();
    if (shard.isEmpty()) {
      return new Decision(null, null);
    }
    Set<String> classes = new TreeSet<>();
    collectClasses(root, classes);
    Map<String, Long> timings = onClasspath(Timings.forSharding(settings), classes);
    ShardPlan plan = ShardPlan.split(classes, timings, shard.get().count());
    int mine = 0;
    long timed = 0;
    for (String c : classes) {
      if (plan.shardOf(c) == shard.get().index()) {
        mine++;
      }
      if (timings.containsKey(c)) {
        timed++;
      }
    }
    String line =
        "[testlanes] shard "
            + shard.get()
            + " ("
            + root.getDisplayName()
            + "): "
            + mine
            + " of "
            + classes.size()
            + " test classes"
            + (plan.timed()
                ? String.format(
                    Locale.ROOT,
                    ", ~%.1f s of ~%.1f s by the timings of %d classes (largest shard %.0f%% of"
                        + " the mean)",
                    plan.load(shard.get().index()) / 1000.0,
                    plan.totalLoad() / 1000.0,
                    timed,
                    plan.largestOverMean() * 100)
                : ", split by class name: no timings in " + settings.timingsFile());
    // Surefire discovers each class alone before it runs them, and forks get one class at a time:
    // only a split of several classes is worth a line, once per JVM and split.
    if (classes.size() > 1 && ANNOUNCED.add(shard.get() + " " + classes.size())) {
      out.println(line);
    }
    return new Decision(shard.get(), plan);
  }

  /**
   * The timings of the classes discovered or on the test classpath. The others (deleted tests,
   * other modules' tests in a shared timings file) must not take a share of a split.
   */
  private static Map<String, Long> onClasspath(Map<String, Long> timings, Set<String> discovered) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ShardFilter.class.getClassLoader();
    }
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, Long> e : timings.entrySet()) {
      String c = e.getKey();
      if (discovered.contains(c) || loader.getResource(c.replace('.', '/') + ".class") != null) {
        out.put(c, e.getValue());
      }
    }
    return out;
  }

  private static TestDescriptor root(TestDescriptor d) {
    TestDescriptor cur = d;
    while (cur.getParent().isPresent()) {
      cur = cur.getParent().get();
    }
    return cur;
  }

  private static void collectClasses(TestDescriptor d, Set<String> into) {
    if (d.getSource().orElse(null) instanceof ClassSource cs) {
      into.add(cs.getClassName());
      return;
    }
    for (TestDescriptor child : d.getChildren()) {
      collectClasses(child, into);
    }
  }

  /** The class of the outermost ancestor-or-self whose source is a class. */
  private static Optional<String> topLevelClass(TestDescriptor d) {
    String found = null;
    Optional<TestDescriptor> cur = Optional.of(d);
    while (cur.isPresent()) {
      if (cur.get().getSource().orElse(null) instanceof ClassSource cs) {
        found = cs.getClassName();
      }
      cur = cur.get().getParent();
    }
    return Optional.ofNullable(found);
  }
}

package io.testlanes.junit.internal;

import io.testlanes.Lane;
import io.testlanes.config.Keys;
import io.testlanes.config.Reset;
import io.testlanes.config.Service;
import io.testlanes.junit.internal.report.ReportEntries;
import io.testlanes.run.LaneClients;
import io.testlanes.run.TestRun;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which lane a test uses, and when it is leased, reset and released.
 *
 * <ul>
 *   <li>Methods that may run concurrently with their siblings ({@code @Execution(CONCURRENT)} or
 *       {@code junit.jupiter.execution.parallel.mode.default=concurrent}, with parallel execution
 *       enabled) each lease a lane of their own, released when the method ends.
 *   <li>Otherwise the outermost test class leases one lane on first need, shared by its methods and
 *       its {@code @Nested} classes, released when the class ends.
 *   <li>Before each test that is not the lane's first, the lane is reset to the template's state
 *       when the reset mode is {@code test}; when leased, unless the mode is {@code none} (then
 *       only a lane's first holder in the run gets it reset). The class's data scripts run after
 *       each of these resets, and at every lease.
 *   <li>An integration (the Spring module) may lease a running class's lane first, by the test
 *       class, from code JUnit does not call: every running {@code @TestLanes} class is registered
 *       by its class when its execution condition is evaluated, before any extension's {@code
 *       beforeAll}, and unregistered when the class ends. Such a lane is pinned to the class: its
 *       methods must not run concurrently.
 * </ul>
 */
public final class LaneContexts {
  private static final Logger log = LoggerFactory.getLogger(LaneContexts.class);
  private static final Namespace NAMESPACE = Namespace.create("io.testlanes");
  private static final String LANE = "lane";
  private static final String PARALLEL_ENABLED = "junit.jupiter.execution.parallel.enabled";

  /** The running test classes (outer and nested) of every execution, by their class. */
  private static final Map<Class<?>, ExtensionContext> RUNNING = new ConcurrentHashMap<>();

  private static final Map<String, Service> SERVICE_OF_TYPE =
      Map.of(
          "javax.sql.DataSource", Service.POSTGRES,
          "com.datastax.oss.driver.api.core.CqlSession", Service.CASSANDRA,
          "redis.clients.jedis.JedisPooled", Service.REDIS,
          "redis.clients.jedis.UnifiedJedis", Service.REDIS);

  private static volatile boolean warnedAboutListener;
  private static volatile boolean listenerSeen;

  private LaneContexts() {}

  /** Called by the launcher listener: the extension then knows the listener is registered. */
  public static void listenerStarted() {
    listenerSeen = true;
  }

  static ExecutionState state(ExtensionContext context) {
    ExtensionContext root = context.getRoot();
    // Objects.requireNonNull: JUnit 6 marks the result @Nullable (a creator may return null; ours
    // never does).
    return Objects.requireNonNull(
        root.getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                ExecutionState.class, k -> ExecutionState.create(root), ExecutionState.class));
  }

  /**
   * Checks the configuration and the class's data scripts, and waits for the services, so a failure
   * fails the class before any of its tests.
   */
  public static void beforeAll(ExtensionContext context, LaneOptions options) {
    ExecutionState state = state(context);
    checkData(state, options);
    if (!listenerSeen && !warnedAboutListener) {
      warnedAboutListener = true;
      log.info(
          "testlanes: the launcher listener did not run (a custom launcher or the Engine Test Kit"
              + " without listener auto-registration); services start on first use instead of"
              + " with the test plan, and no run report is written");
    }
    state.awaitServices(context);
  }

  /** Leases the lane if needed, resets it if a previous test used it, and reports it. */
  public static void beforeEach(ExtensionContext context, LaneOptions options) {
    ExecutionState state = state(context);
    Reset mode = mode(state, options.reset());
    LaneHolder holder = holder(context, state, mode, options, Set.of());
    holder.beforeTest(mode);
    context.publishReportEntry(ReportEntries.LANE, holder.lease().lane().name());
  }

  /** The test ended: the next test's reset step is due. */
  public static void afterEach(ExtensionContext context) {
    LaneHolder holder = leaseOwner(context).getStore(NAMESPACE).get(LANE, LaneHolder.class);
    if (holder != null) {
      holder.afterTest();
    }
  }

  /**
   * Registers a test class's context by its class while it runs (called from the extension's
   * execution condition, JUnit's first callback for a class), so that {@link #running} finds it.
   */
  public static void classStarting(ExtensionContext context) {
    if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
      return;
    }
    Class<?> testClass = context.getTestClass().get();
    // Keyed by class too: a nested class's store would otherwise find its outer class's entry.
    context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            List.of(Registration.class, testClass),
            k -> new Registration(testClass, context),
            Registration.class);
  }

  /** Removes a class's registration when its context closes. */
  @SuppressWarnings("deprecation") // CloseableResource: the only closing contract of JUnit 5.12
  private static final class Registration
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final Class<?> testClass;
    private final ExtensionContext context;

    Registration(Class<?> testClass, ExtensionContext context) {
      this.testClass = testClass;
      this.context = context;
      ExtensionContext before = RUNNING.putIfAbsent(testClass, context);
      if (before != null) {
        throw new IllegalStateException(
            "test class "
                + testClass.getName()
                + " runs in two JUnit executions at once in this JVM; testlanes finds a class's"
                + " lane by its class. Fix: run the executions one after another.");
      }
    }

    @Override
    public void close() {
      RUNNING.remove(testClass, context);
    }
  }

  /**
   * The context of {@code testClass} while it runs as a {@code @TestLanes} class.
   *
   * @throws IllegalStateException if it does not run now
   */
  public static ExtensionContext running(Class<?> testClass) {
    ExtensionContext c = RUNNING.get(testClass);
    if (c == null) {
      throw new IllegalStateException(
          "test class "
              + testClass.getName()
              + " is not a running @TestLanes class of a JUnit Jupiter execution in this JVM."
              + " testlanes registers a class when JUnit evaluates its execution conditions. Fix:"
              + " run it with JUnit Jupiter, annotate it (or its base or outer class) with"
              + " @TestLanes, and do not deactivate its condition with"
              + " junit.jupiter.conditions.deactivate.");
    }
    return c;
  }

  /** The context of {@code testClass} if it runs now as a {@code @TestLanes} class. */
  public static Optional<ExtensionContext> findRunning(Class<?> testClass) {
    return Optional.ofNullable(RUNNING.get(testClass));
  }

  /**
   * The lane of the running class {@code classContext} (its outermost class's), leased now if it
   * holds none, one of {@code preferred} if free, and pinned to the class.
   */
  public static Lane leaseForClass(
      ExtensionContext classContext, LaneOptions options, Set<Integer> preferred) {
    ExecutionState state = state(classContext);
    ExtensionContext owner = outermostClass(classContext);
    Reset mode = mode(state, options.reset());
    LaneHolder holder = heldBy(owner, state, mode, options, preferred);
    holder.pin();
    return holder.lease().lane();
  }

  /** The lane the running class {@code classContext} holds now, if any. */
  public static Optional<Lane> heldByClass(ExtensionContext classContext) {
    LaneHolder holder =
        outermostClass(classContext).getStore(NAMESPACE).get(LANE, LaneHolder.class);
    return holder == null ? Optional.empty() : Optional.of(holder.lease().lane());
  }

  /**
   * The reset step before a test of the running class {@code classContext}, once per test whoever
   * asks first; see {@link #beforeEach}.
   */
  public static void beforeTestOfClass(ExtensionContext classContext, LaneOptions options) {
    ExecutionState state = state(classContext);
    Reset mode = mode(state, options.reset());
    heldBy(outermostClass(classContext), state, mode, options, Set.of()).beforeTest(mode);
  }

  /** The test run of {@code context}'s execution. */
  public static TestRun run(ExtensionContext context) {
    return state(context).run();
  }

  /** The service whose client {@code type} is, if it is one that testlanes injects. */
  static @Nullable Service serviceOf(Class<?> type) {
    return SERVICE_OF_TYPE.get(type.getName());
  }

  public static boolean supports(Class<?> type) {
    return type == Lane.class || SERVICE_OF_TYPE.containsKey(type.getName());
  }

  public static Object resolve(
      Class<?> type, ParameterContext parameter, ExtensionContext context, LaneOptions options) {
    ExecutionState state = state(context);
    if (type != Lane.class) {
      Service needed = SERVICE_OF_TYPE.get(type.getName());
      if (needed != null) {
        requireService(needed, type, parameter, context, state);
      }
    }
    Lane lane =
        holder(context, state, mode(state, options.reset()), options, Set.of()).lease().lane();
    LaneClients clients = state.run().clients();
    switch (type.getName()) {
      case "javax.sql.DataSource":
        return clients.dataSource(lane);
      case "com.datastax.oss.driver.api.core.CqlSession":
        return clients.cqlSession(lane);
      case "redis.clients.jedis.JedisPooled":
      case "redis.clients.jedis.UnifiedJedis":
        return clients.redis(lane);
      default:
        return lane;
    }
  }

  private static void requireService(
      Service service,
      Class<?> type,
      ParameterContext parameter,
      ExtensionContext context,
      ExecutionState state) {
    Set<Service> services = state.services();
    if (!services.contains(service)) {
      throw new IllegalStateException(
          "parameter "
              + type.getSimpleName()
              + " "
              + parameter.getParameter().getName()
              + " of "
              + parameter.getDeclaringExecutable()
              + " needs "
              + service.id()
              + ", which is not a service of this run (it has: "
              + services.stream().map(Service::id).sorted().collect(Collectors.joining(", "))
              + "). Fix: add "
              + service.id()
              + " to "
              + Keys.SERVICES
              + ", or put its client driver on the test classpath when "
              + Keys.SERVICES
              + " is not set.");
    }
  }

  private static Reset mode(ExecutionState state, @Nullable Reset reset) {
    return reset != null && reset != Reset.DEFAULT ? reset : state.settings().reset();
  }

  /**
   * The lane of {@code context}, leased on first need: reset to the template's state at lease
   * unless the mode is {@link Reset#NONE} (then it keeps what earlier holders left).
   */
  private static LaneHolder holder(
      ExtensionContext context,
      ExecutionState state,
      Reset mode,
      LaneOptions options,
      Set<Integer> preferred) {
    ExtensionContext owner = leaseOwner(context);
    if (owner != context || context.getTestMethod().isEmpty()) {
      return heldBy(owner, state, mode, options, preferred);
    }
    // A method that runs concurrently with its siblings leases its own lane, unless an
    // integration pinned the class's lane (a Spring context was built for it).
    LaneHolder classHolder =
        outermostClass(context).getStore(NAMESPACE).get(LANE, LaneHolder.class);
    if (classHolder != null && classHolder.pinned()) {
      throw new IllegalStateException(
          describe(context)
              + " runs concurrently with the other methods of its class, but the class holds "
              + classHolder.lease().lane().name()
              + " for its Spring application context, so they would share that lane and reset"
              + " it under each other. Fix: annotate the class"
              + " @Execution(ExecutionMode.SAME_THREAD), or set"
              + " junit.jupiter.execution.parallel.mode.default=same_thread (test classes still"
              + " run in parallel).");
    }
    return heldBy(owner, state, mode, options, preferred);
  }

  private static LaneHolder heldBy(
      ExtensionContext owner,
      ExecutionState state,
      Reset mode,
      LaneOptions options,
      Set<Integer> preferred) {
    return Objects.requireNonNull(
        owner
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                LANE,
                k -> {
                  checkData(state, options);
                  return new LaneHolder(
                      state.lease(
                          owner,
                          describe(owner),
                          mode != Reset.NONE,
                          options.data(),
                          preferred,
                          UsedServices.of(owner, state.services())));
                },
                LaneHolder.class));
  }

  /**
   * Finds the class's data scripts (cached by the run), so that a missing one fails the class with
   * its name and the fix.
   *
   * @throws ExtensionConfigurationException if a script is missing or has no store of the run
   */
  private static void checkData(ExecutionState state, LaneOptions options) {
    if (options.data().isEmpty()) {
      return;
    }
    try {
      state.run().checkData(options.data());
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "@TestLanes(data = …) of "
              + options.dataClass()
              + " cannot be used: "
              + e.getMessage()
              + " (A name without a leading / is relative to the class's package.)",
          e);
    }
  }

  /** The outermost test class context of {@code context}. */
  private static ExtensionContext outermostClass(ExtensionContext context) {
    ExtensionContext owner = context;
    Optional<ExtensionContext> parent = context.getParent();
    while (parent.isPresent() && parent.get().getTestClass().isPresent()) {
      owner = parent.get();
      parent = owner.getParent();
    }
    return owner;
  }

  /** The context whose lifetime a lane lease follows: the method, or the outermost class. */
  static ExtensionContext leaseOwner(ExtensionContext context) {
    if (context.getTestMethod().isPresent()
        && context.getExecutionMode() == ExecutionMode.CONCURRENT
        && parallelEnabled(context)) {
      return context;
    }
    return outermostClass(context);
  }

  private static boolean parallelEnabled(ExtensionContext context) {
    return context
        .getConfigurationParameter(PARALLEL_ENABLED)
        .map(Boolean::parseBoolean)
        .orElse(false);
  }

  private static String describe(ExtensionContext context) {
    String cls = context.getTestClass().map(Class::getName).orElse("?");
    return context.getTestMethod().map(m -> cls + "#" + m.getName()).orElse(cls);
  }
}

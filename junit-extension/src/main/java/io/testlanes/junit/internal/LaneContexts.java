package io.testlanes.junit.internal;

import io.testlanes.Lane;
import io.testlanes.config.Keys;
import io.testlanes.config.Reset;
import io.testlanes.config.Service;
import io.testlanes.junit.internal.report.ReportEntries;
import io.testlanes.run.LaneClients;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
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
 *       when the reset mode is {@code test}; when leased, unless the mode is {@code none}.
 * </ul>
 */
public final class LaneContexts {
  private static final Logger log = LoggerFactory.getLogger(LaneContexts.class);
  private static final Namespace NAMESPACE = Namespace.create("io.testlanes");
  private static final String LANE = "lane";
  private static final String PARALLEL_ENABLED = "junit.jupiter.execution.parallel.enabled";

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

  /** Checks the configuration and waits for the services, so a failure fails the class. */
  public static void beforeAll(ExtensionContext context, @Nullable Reset reset) {
    ExecutionState state = state(context);
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
  public static void beforeEach(ExtensionContext context, @Nullable Reset reset) {
    ExecutionState state = state(context);
    Reset mode = mode(state, reset);
    LaneHolder holder = holder(context, state, mode);
    if (holder.markUsed() && mode == Reset.TEST) {
      holder.lease().reset();
    }
    context.publishReportEntry(ReportEntries.LANE, holder.lease().lane().name());
  }

  public static boolean supports(Class<?> type) {
    return type == Lane.class || SERVICE_OF_TYPE.containsKey(type.getName());
  }

  public static Object resolve(
      Class<?> type, ParameterContext parameter, ExtensionContext context, @Nullable Reset reset) {
    ExecutionState state = state(context);
    if (type != Lane.class) {
      Service needed = SERVICE_OF_TYPE.get(type.getName());
      if (needed != null) {
        requireService(needed, type, parameter, context, state);
      }
    }
    Lane lane = holder(context, state, mode(state, reset)).lease().lane();
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
  private static LaneHolder holder(ExtensionContext context, ExecutionState state, Reset mode) {
    ExtensionContext owner = leaseOwner(context);
    return Objects.requireNonNull(
        owner
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                LANE,
                k -> new LaneHolder(state.lease(owner, describe(owner), mode != Reset.NONE)),
                LaneHolder.class));
  }

  /** The context whose lifetime a lane lease follows: the method, or the outermost class. */
  static ExtensionContext leaseOwner(ExtensionContext context) {
    if (context.getTestMethod().isPresent()
        && context.getExecutionMode() == ExecutionMode.CONCURRENT
        && parallelEnabled(context)) {
      return context;
    }
    ExtensionContext owner = context;
    Optional<ExtensionContext> parent = context.getParent();
    while (parent.isPresent() && parent.get().getTestClass().isPresent()) {
      owner = parent.get();
      parent = owner.getParent();
    }
    return owner;
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

package io.testlanes.junit;

import io.testlanes.config.Reset;
import io.testlanes.junit.internal.LaneContexts;
import io.testlanes.junit.internal.LaneOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link TestLanes}. Holds no state of its own: the run's state lives in the
 * root context's store, each lane lease in the store of the class or method that holds it, so
 * closing a context gives its lane back.
 *
 * <p>Its execution condition never disables anything: it is JUnit's first callback for a class,
 * before any extension's {@code beforeAll}, and registers the running class so that {@link
 * ClassLane} finds it from code JUnit does not call (Spring builds a class's application context in
 * whichever order the extensions run).
 */
final class TestLanesExtension
    implements ExecutionCondition,
        BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    LaneContexts.classStarting(context);
    return ConditionEvaluationResult.enabled("testlanes runs every @TestLanes test");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    LaneContexts.beforeAll(context, optionsOf(context));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    LaneContexts.beforeEach(context, optionsOf(context));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    LaneContexts.afterEach(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return LaneContexts.supports(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return LaneContexts.resolve(
          parameter.getParameter().getType(), parameter, context, optionsOf(context));
    } catch (RuntimeException e) {
      throw new ParameterResolutionException(
          e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  /**
   * What {@code context}'s classes ask with {@link TestLanes}: the reset mode of the innermost
   * class (a test's class, then its enclosing {@code @Nested} classes' outward) that sets one, and
   * the data of the outermost class, which holds the lane.
   *
   * @throws ExtensionConfigurationException if a {@code @Nested} class declares data of its own
   */
  static LaneOptions optionsOf(ExtensionContext context) {
    Reset reset = null;
    Class<?> outermost = null;
    for (Optional<ExtensionContext> x = Optional.of(context);
        x.isPresent() && x.get().getTestClass().isPresent();
        x = x.get().getParent()) {
      Class<?> c = x.get().getRequiredTestClass();
      TestLanes a = c.getAnnotation(TestLanes.class);
      if (a != null && reset == null && a.reset() != Reset.DEFAULT) {
        reset = a.reset();
      }
      Optional<Class<?>> enclosing = x.get().getParent().flatMap(ExtensionContext::getTestClass);
      if (a != null && a.data().length > 0 && enclosing.isPresent() && enclosing.get() != c) {
        throw nestedData(c, a, outermostClass(x.get()));
      }
      outermost = c;
    }
    if (outermost == null) {
      return new LaneOptions(reset, List.of(), "");
    }
    Class<?> declaring = outermost;
    while (declaring != null && declaring.getDeclaredAnnotation(TestLanes.class) == null) {
      declaring = declaring.getSuperclass();
    }
    if (declaring == null) {
      return new LaneOptions(reset, List.of(), "");
    }
    List<String> data = new ArrayList<>();
    for (String d : declaring.getDeclaredAnnotation(TestLanes.class).data()) {
      data.add(location(declaring, d));
    }
    return new LaneOptions(reset, data, declaring.getName());
  }

  private static Class<?> outermostClass(ExtensionContext context) {
    Class<?> c = context.getRequiredTestClass();
    for (Optional<ExtensionContext> p = context.getParent();
        p.isPresent() && p.get().getTestClass().isPresent();
        p = p.get().getParent()) {
      c = p.get().getRequiredTestClass();
    }
    return c;
  }

  private static ExtensionConfigurationException nestedData(
      Class<?> nested, TestLanes a, Class<?> outer) {
    return new ExtensionConfigurationException(
        "@Nested class "
            + nested.getName()
            + " declares @TestLanes(data = "
            + Arrays.toString(a.data())
            + "), but a @Nested class shares its outer class's lane, and that lane's data is the"
            + " outer class's. Fix: declare the data on "
            + outer.getName()
            + ", or insert the rows in a @BeforeEach of the @Nested class.");
  }

  /**
   * The classpath location of data script {@code name} of {@code declaring}: a plain name is
   * relative to the class's package, a name starting with {@code /} or {@code classpath:} is from
   * the classpath root (as with Spring's {@code @Sql}).
   */
  static String location(Class<?> declaring, String name) {
    String n = name.strip();
    if (n.startsWith("classpath:")) {
      n = n.substring("classpath:".length());
      return n.startsWith("/") ? n.substring(1) : n;
    }
    if (n.startsWith("/")) {
      return n.substring(1);
    }
    String pkg = declaring.getPackageName().replace('.', '/');
    return pkg.isEmpty() ? n : pkg + "/" + n;
  }
}

package io.testlanes.junit;

import io.testlanes.config.Reset;
import io.testlanes.junit.internal.LaneContexts;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
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
    LaneContexts.beforeAll(context, resetOf(context));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    LaneContexts.beforeEach(context, resetOf(context));
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
          parameter.getParameter().getType(), parameter, context, resetOf(context));
    } catch (RuntimeException e) {
      throw new ParameterResolutionException(
          e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  /** The reset mode of the innermost class that sets one, or null. */
  static @Nullable Reset resetOf(ExtensionContext context) {
    Optional<Class<?>> c = context.getTestClass();
    while (c.isPresent()) {
      TestLanes a = c.get().getAnnotation(TestLanes.class);
      if (a != null && a.reset() != Reset.DEFAULT) {
        return a.reset();
      }
      c = Optional.ofNullable(c.get().getEnclosingClass());
    }
    return null;
  }
}

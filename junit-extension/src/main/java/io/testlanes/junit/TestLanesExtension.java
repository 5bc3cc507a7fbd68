package io.testlanes.junit;

import io.testlanes.junit.internal.LaneContexts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link TestLanes}. Holds no state of its own: the run's state lives in the
 * root context's store, each lane lease in the store of the class or method that holds it, so
 * closing a context gives its lane back.
 */
final class TestLanesExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  @Override
  public void beforeAll(ExtensionContext context) {
    LaneContexts.beforeAll(context, resetOf(context));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    LaneContexts.beforeEach(context, resetOf(context));
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

  /** The reset mode of the innermost class that sets one, as a config value, or null. */
  private static io.testlanes.config.@org.jspecify.annotations.Nullable Reset resetOf(
      ExtensionContext context) {
    java.util.Optional<Class<?>> c = context.getTestClass();
    while (c.isPresent()) {
      TestLanes a = c.get().getAnnotation(TestLanes.class);
      if (a != null && a.reset() != LaneReset.DEFAULT) {
        switch (a.reset()) {
          case TEST:
            return io.testlanes.config.Reset.TEST;
          case CLASS:
            return io.testlanes.config.Reset.CLASS;
          default:
            return io.testlanes.config.Reset.NONE;
        }
      }
      c = java.util.Optional.ofNullable(c.get().getEnclosingClass());
    }
    return null;
  }
}

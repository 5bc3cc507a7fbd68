package io.testlanes.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture classes through the Jupiter engine with testlanes' parallel configuration: classes
 * concurrent, a pool of {@code testlanes.workers} threads. The Engine Test Kit passes parameters to
 * the launcher directly, which JUnit does not hand to a custom parallelism strategy ({@link
 * TestLanesParallelism} reads system properties and junit-platform.properties), so the pool is
 * JUnit's fixed strategy of the same size.
 */
final class Kit {
  private static final String FIXED_PARALLELISM =
      "junit.jupiter.execution.parallel.config.fixed.parallelism";

  private final Map<String, String> parameters = new LinkedHashMap<>();

  private Kit() {
    parameters.put("junit.jupiter.execution.parallel.enabled", "true");
    parameters.put("junit.jupiter.execution.parallel.mode.default", "same_thread");
    parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parameters.put("testlanes.workers", "4");
    parameters.put("testlanes.postgres.schema", "ext/schema.sql");
    parameters.put("testlanes.cassandra.schema", "ext/schema.cql");
  }

  static Kit parallel() {
    return new Kit();
  }

  Kit with(String key, String value) {
    parameters.put(key, value);
    return this;
  }

  Kit with(Map<String, String> more) {
    parameters.putAll(more);
    return this;
  }

  EngineExecutionResults run(Class<?>... classes) {
    EngineTestKit.Builder b = EngineTestKit.engine("junit-jupiter");
    for (Class<?> c : classes) {
      b = b.selectors(selectClass(c));
    }
    Map<String, String> p = new LinkedHashMap<>(parameters);
    p.putIfAbsent(FIXED_PARALLELISM, p.get("testlanes.workers"));
    return b.configurationParameters(p).execute();
  }
}

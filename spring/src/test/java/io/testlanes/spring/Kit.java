package io.testlanes.spring;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture classes through the Jupiter engine with testlanes' parallel configuration: classes
 * concurrent on a pool of {@code testlanes.workers} threads (JUnit's fixed strategy: the Engine
 * Test Kit passes parameters to the launcher directly, which JUnit does not hand to a custom
 * strategy such as {@code TestLanesParallelism}).
 */
final class Kit {
  private final Map<String, String> parameters = new LinkedHashMap<>();

  private Kit() {
    parameters.put("junit.jupiter.execution.parallel.enabled", "true");
    parameters.put("junit.jupiter.execution.parallel.mode.default", "same_thread");
    parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
    parameters.put("testlanes.workers", "4");
    parameters.put("testlanes.cassandra.schema", "notes.cql");
  }

  static Kit parallel() {
    return new Kit();
  }

  Kit with(String key, String value) {
    parameters.put(key, value);
    return this;
  }

  /** The failures of a run, as their exceptions' text, so an assertion shows them. */
  static java.util.List<String> failures(EngineExecutionResults results) {
    return results.allEvents().failed().stream()
        .map(
            e ->
                e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(r -> r.getThrowable()))
        .map(t -> t.map(Throwable::toString).orElse(""))
        .toList();
  }

  EngineExecutionResults run(Class<?>... classes) {
    EngineTestKit.Builder b = EngineTestKit.engine("junit-jupiter");
    for (Class<?> c : classes) {
      b = b.selectors(selectClass(c));
    }
    Map<String, String> p = new LinkedHashMap<>(parameters);
    p.putIfAbsent(
        "junit.jupiter.execution.parallel.config.fixed.parallelism", p.get("testlanes.workers"));
    return b.configurationParameters(p).execute();
  }
}

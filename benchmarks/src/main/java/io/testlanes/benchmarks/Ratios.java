package io.testlanes.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Ratios between scenarios of one invocation. */
final class Ratios {
  private Ratios() {}

  /** One change: from one scenario to the next. */
  record Step(String from, String to, double ratio, double savedS) {}

  static double ratio(double beforeS, double afterS) {
    if (!(beforeS > 0) || !(afterS > 0)) {
      throw new IllegalArgumentException(
          "times must be positive to form a ratio, got " + beforeS + " s and " + afterS + " s");
    }
    return beforeS / afterS;
  }

  /** The first scenario's wall over the fastest passing scenario's wall. */
  static double beforeAfter(List<ScenarioResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no scenario results to compare");
    }
    return ratio(results.get(0).wallS(), fastest(results).wallS());
  }

  /** The fastest scenario whose tests all passed (a failed run is not a faster one). */
  static ScenarioResult fastest(List<ScenarioResult> results) {
    ScenarioResult best = results.get(0);
    for (ScenarioResult r : results) {
      if (r.passed() && r.wallS() < best.wallS()) {
        best = r;
      }
    }
    return best;
  }

  /** The fastest passing scenario whose id starts with {@code prefix}. */
  static ScenarioResult fastestOf(List<ScenarioResult> results, String prefix) {
    List<ScenarioResult> some = results.stream().filter(r -> r.id().startsWith(prefix)).toList();
    if (some.isEmpty()) {
      throw new IllegalArgumentException("no scenario '" + prefix + "...' among the results");
    }
    return fastest(some);
  }

  /** Each consecutive pair along {@code chain} (scenario ids), in order. */
  static List<Step> chain(List<ScenarioResult> results, List<String> chain) {
    List<Step> steps = new ArrayList<>();
    for (int i = 1; i < chain.size(); i++) {
      ScenarioResult a = byId(results, chain.get(i - 1));
      ScenarioResult b = byId(results, chain.get(i));
      steps.add(new Step(a.id(), b.id(), ratio(a.wallS(), b.wallS()), a.wallS() - b.wallS()));
    }
    return steps;
  }

  /** The step that saved the most seconds. */
  static Step largest(List<Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("no steps to compare");
    }
    Step best = steps.get(0);
    for (Step s : steps) {
      if (s.savedS() > best.savedS()) {
        best = s;
      }
    }
    return best;
  }

  static ScenarioResult byId(List<ScenarioResult> results, String id) {
    for (ScenarioResult r : results) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no scenario '" + id + "' among the results");
  }
}

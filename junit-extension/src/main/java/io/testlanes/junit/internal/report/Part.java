package io.testlanes.junit.internal.report;

import io.testlanes.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one JVM recorded during a run: the file {@code parts/<pid>-<random>.json} in the report
 * directory. {@code start} and {@code end} (epoch milliseconds) span the JVM's test executions.
 */
record Part(
    String runId,
    long pid,
    long start,
    long end,
    List<ClassRecord> classes,
    List<TestRecord> tests,
    List<Phase> phases,
    List<ContextRecord> contexts) {

  Part {
    classes = List.copyOf(classes);
    tests = List.copyOf(tests);
    phases = List.copyOf(phases);
    contexts = List.copyOf(contexts);
  }

  /** A part without application contexts. */
  Part(
      String runId,
      long pid,
      long start,
      long end,
      List<ClassRecord> classes,
      List<TestRecord> tests,
      List<Phase> phases) {
    this(runId, pid, start, end, classes, tests, phases, List.of());
  }

  String toJson() {
    Map<String, @Nullable Object> root = new LinkedHashMap<>();
    root.put("version", 1);
    root.put("runId", runId);
    root.put("pid", pid);
    root.put("start", start);
    root.put("end", end);
    List<Object> cs = new ArrayList<>();
    for (ClassRecord c : classes) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("class", c.className());
      m.put("lane", c.lane());
      m.put("start", c.start());
      m.put("end", c.end());
      m.put("outcome", c.outcome().id());
      cs.add(m);
    }
    root.put("classes", cs);
    List<Object> ts = new ArrayList<>();
    for (TestRecord t : tests) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("class", t.className());
      m.put("name", t.name());
      m.put("lane", t.lane());
      m.put("start", t.start());
      m.put("end", t.end());
      m.put("outcome", t.outcome().id());
      ts.add(m);
    }
    root.put("tests", ts);
    List<Object> ps = new ArrayList<>();
    for (Phase p : phases) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
      m.put("name", p.name());
      m.put("start", p.start());
      m.put("end", p.end());
      ps.add(m);
    }
    root.put("phases", ps);
    List<Object> xs = new ArrayList<>();
    for (ContextRecord x : contexts) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("class", x.className());
      m.put("configuration", x.configuration());
      m.put("lane", x.lane());
      m.put("created", x.created());
      xs.add(m);
    }
    root.put("contexts", xs);
    return Json.write(root);
  }

  /**
   * Reads a part written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if {@code json} is not such a part
   */
  static Part fromJson(String json) {
    // A copy: javac 17 does not read the @Nullable of a type argument from another jar.
    Map<String, @Nullable Object> root = new LinkedHashMap<>(Json.parseObject(json));
    long pid = number(root, "pid");
    List<ClassRecord> classes = new ArrayList<>();
    for (Map<String, @Nullable Object> m : objects(root, "classes")) {
      classes.add(
          new ClassRecord(
              text(m, "class"),
              optionalText(m, "lane"),
              pid,
              number(m, "start"),
              number(m, "end"),
              Outcome.parse(text(m, "outcome"))));
    }
    List<TestRecord> tests = new ArrayList<>();
    for (Map<String, @Nullable Object> m : objects(root, "tests")) {
      tests.add(
          new TestRecord(
              text(m, "class"),
              text(m, "name"),
              optionalText(m, "lane"),
              pid,
              number(m, "start"),
              number(m, "end"),
              Outcome.parse(text(m, "outcome"))));
    }
    List<Phase> phases = new ArrayList<>();
    for (Map<String, @Nullable Object> m : objects(root, "phases")) {
      Phase.Kind kind = text(m, "kind").equals("service") ? Phase.Kind.SERVICE : Phase.Kind.LANE;
      phases.add(new Phase(kind, text(m, "name"), number(m, "start"), number(m, "end")));
    }
    List<ContextRecord> contexts = new ArrayList<>();
    for (Map<String, @Nullable Object> m : objects(root, "contexts")) {
      contexts.add(
          new ContextRecord(
              text(m, "class"),
              text(m, "configuration"),
              optionalText(m, "lane"),
              Boolean.TRUE.equals(m.get("created"))));
    }
    return new Part(
        text(root, "runId"),
        pid,
        number(root, "start"),
        number(root, "end"),
        classes,
        tests,
        phases,
        contexts);
  }

  private static long number(Map<String, @Nullable Object> m, String key) {
    if (m.get(key) instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("expected a number at '" + key + "', found " + m.get(key));
  }

  private static String text(Map<String, @Nullable Object> m, String key) {
    if (m.get(key) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("expected a string at '" + key + "', found " + m.get(key));
  }

  private static @Nullable String optionalText(Map<String, @Nullable Object> m, String key) {
    return m.get(key) instanceof String s ? s : null;
  }

  @SuppressWarnings("unchecked") // the JSON parser makes only string-keyed maps
  private static List<Map<String, @Nullable Object>> objects(
      Map<String, @Nullable Object> m, String key) {
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    if (m.get(key) instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          out.add((Map<String, @Nullable Object>) map);
        }
      }
    }
    return out;
  }
}

package io.testlanes.junit.internal.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/** The CI example configurations in {@code examples/ci/}, parsed. */
final class CiConfigs {
  static final Path DIR = Path.of("..", "examples", "ci");
  static final Path CIRCLECI = DIR.resolve("circleci/config.yml");
  static final Path GITHUB = DIR.resolve("github/testlanes.yml");

  private CiConfigs() {}

  static Map<Object, Object> load(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file)) {
      Object doc = new Yaml().load(r);
      assertThat(doc).as("%s is a YAML mapping", file).isInstanceOf(Map.class);
      return map(doc);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<Object, Object> map(@Nullable Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<Object, Object>) Objects.requireNonNull(o);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(@Nullable Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) Objects.requireNonNull(o);
  }

  /** A mapping's entries as strings. */
  static Map<String, String> strings(@Nullable Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    map(o).forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  /** A CircleCI job's (or command's) steps: name of the step kind, then its body. */
  static List<Map.Entry<String, @Nullable Object>> circleSteps(
      Map<Object, Object> config, @Nullable Object steps) {
    List<Map.Entry<String, @Nullable Object>> out = new ArrayList<>();
    Map<Object, Object> commands =
        config.get("commands") == null ? Map.of() : map(config.get("commands"));
    for (Object step : list(steps)) {
      if (step instanceof Map<?, ?> m) {
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        out.add(new AbstractMap.SimpleEntry<>(String.valueOf(e.getKey()), e.getValue()));
      } else if (commands.containsKey(step)) {
        out.addAll(circleSteps(config, map(commands.get(step)).get("steps")));
      } else {
        out.add(new AbstractMap.SimpleEntry<>(String.valueOf(step), null));
      }
    }
    return out;
  }

  /** The {@code command} of the CircleCI run step called {@code name} in {@code job}. */
  static String circleRun(Map<Object, Object> config, String job, String name) {
    Map<Object, Object> j = map(map(config.get("jobs")).get(job));
    for (Map.Entry<String, @Nullable Object> s : circleSteps(config, j.get("steps"))) {
      if (s.getKey().equals("run")
          && s.getValue() instanceof Map<?, ?> m
          && name.equals(m.get("name"))) {
        return String.valueOf(m.get("command"));
      }
    }
    throw new AssertionError("no run step '" + name + "' in job " + job);
  }

  /** The {@code run} of the GitHub Actions step called {@code name} in {@code job}. */
  static String gitHubRun(Map<Object, Object> workflow, String job, String name) {
    for (Object s : list(map(map(workflow.get("jobs")).get(job)).get("steps"))) {
      if (name.equals(map(s).get("name")) && map(s).get("run") != null) {
        return String.valueOf(map(s).get("run"));
      }
    }
    throw new AssertionError("no run step '" + name + "' in job " + job);
  }
}

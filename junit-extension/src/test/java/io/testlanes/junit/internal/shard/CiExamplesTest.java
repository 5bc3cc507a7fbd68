package io.testlanes.junit.internal.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI configurations in {@code examples/ci/} parse and hold what a sharded testlanes run needs.
 */
class CiExamplesTest {
  private static final Path CI = Path.of("..", "examples", "ci");

  private static Map<Object, Object> load(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file)) {
      Object doc = new Yaml().load(r);
      assertThat(doc).as("%s is a YAML mapping", file).isInstanceOf(Map.class);
      return map(doc);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> map(@Nullable Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<Object, Object>) Objects.requireNonNull(o);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(@Nullable Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) Objects.requireNonNull(o);
  }

  /** The environment variable names of every testlanes key. */
  private static Set<String> knownVariables() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field f : Keys.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add(ConfigSource.envName((String) f.get(null)));
      }
    }
    return names;
  }

  private static void assertExternalBackend(Map<Object, Object> env) throws Exception {
    assertThat(env)
        .containsEntry("TESTLANES_BACKEND", "external")
        .containsKeys(
            "TESTLANES_POSTGRES_URL",
            "TESTLANES_REDIS_URL",
            "TESTLANES_CASSANDRA_CONTACTPOINTS",
            "TESTLANES_TIMINGS_FILE");
    assertThat(String.valueOf(env.get("TESTLANES_POSTGRES_URL"))).startsWith("jdbc:postgresql://");
    assertThat(String.valueOf(env.get("TESTLANES_REDIS_URL"))).startsWith("redis://");
    Set<String> known = knownVariables();
    for (Object name : env.keySet()) {
      if (String.valueOf(name).startsWith("TESTLANES_")) {
        assertThat(known)
            .as("%s names a key in io.testlanes.config.Keys", name)
            .contains((String) name);
      }
    }
  }

  @Test
  void circleCiRunsShardsOnServiceContainersWithCachedTimings() throws Exception {
    Map<Object, Object> config = load(CI.resolve("circleci/config.yml"));

    assertThat(config.get("version")).isEqualTo(2.1);
    Map<Object, Object> job = map(map(config.get("jobs")).get("test"));
    assertThat((Integer) job.get("parallelism")).isGreaterThanOrEqualTo(2);
    List<Object> docker = list(job.get("docker"));
    List<String> images = new ArrayList<>();
    for (Object c : docker) {
      images.add(String.valueOf(map(c).get("image")));
    }
    assertThat(images.get(0)).contains("openjdk");
    assertThat(images.subList(1, images.size()))
        .anyMatch(i -> i.startsWith("postgres:"))
        .anyMatch(i -> i.startsWith("redis:"))
        .anyMatch(i -> i.startsWith("cassandra:"));
    Map<Object, Object> env = map(map(docker.get(0)).get("environment"));
    assertExternalBackend(env);
    String timings = String.valueOf(env.get("TESTLANES_TIMINGS_FILE"));

    Map<String, List<Map<Object, Object>>> steps = new java.util.LinkedHashMap<>();
    for (Object step : list(job.get("steps"))) {
      if (step instanceof Map<?, ?> m) {
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        steps
            .computeIfAbsent(String.valueOf(e.getKey()), k -> new ArrayList<>())
            .add(map(e.getValue()));
      }
    }
    assertThat(steps).containsKeys("restore_cache", "run", "save_cache", "store_test_results");
    assertThat(steps.get("restore_cache"))
        .anySatisfy(
            s ->
                assertThat(list(s.get("keys")))
                    .anyMatch(k -> k.toString().startsWith("testlanes-timings-")));
    assertThat(steps.get("save_cache"))
        .anySatisfy(
            s -> {
              assertThat(String.valueOf(s.get("key"))).startsWith("testlanes-timings-");
              assertThat(list(s.get("paths")))
                  .anyMatch(p -> timings.startsWith(p.toString().replace("~", "/home/circleci")));
            });
    assertThat(steps.get("run"))
        .anySatisfy(
            s ->
                assertThat(String.valueOf(s.get("command")))
                    .contains("-Dtestlanes.shard=$((CIRCLE_NODE_INDEX+1))/$CIRCLE_NODE_TOTAL"));
    assertThat(String.valueOf(map(map(config.get("workflows")).get("test")).get("jobs")))
        .contains("test");
  }

  @Test
  void gitHubActionsRunsAShardMatrixOnServiceContainersWithCachedTimings() throws Exception {
    Map<Object, Object> workflow = load(CI.resolve("github/testlanes.yml"));

    // YAML 1.1 reads the key `on` as true; GitHub reads it as "on".
    assertThat(workflow.containsKey("on") || workflow.containsKey(Boolean.TRUE)).isTrue();
    Map<Object, Object> job = map(map(workflow.get("jobs")).get("test"));
    List<Object> shards = list(map(map(job.get("strategy")).get("matrix")).get("shard"));
    assertThat(shards).hasSizeGreaterThanOrEqualTo(2);
    for (int i = 0; i < shards.size(); i++) {
      assertThat(shards.get(i)).isEqualTo(i + 1);
    }
    assertThat(map(workflow.get("env")).get("SHARDS")).isEqualTo(shards.size());

    Map<Object, Object> services = map(job.get("services"));
    assertThat(services).containsKeys("postgres", "redis", "cassandra");
    for (Object name : services.keySet()) {
      Map<Object, Object> service = map(services.get(name));
      assertThat(String.valueOf(service.get("image"))).startsWith(name + ":");
      assertThat(list(service.get("ports"))).isNotEmpty();
    }
    Map<Object, Object> env = map(job.get("env"));
    assertExternalBackend(env);

    List<Map<Object, Object>> steps = new ArrayList<>();
    list(job.get("steps")).forEach(s -> steps.add(map(s)));
    assertThat(steps)
        .anySatisfy(
            s -> assertThat(String.valueOf(s.get("uses"))).startsWith("actions/cache/restore@"))
        .anySatisfy(
            s -> assertThat(String.valueOf(s.get("uses"))).startsWith("actions/cache/save@"))
        .anySatisfy(
            s -> {
              assertThat(String.valueOf(s.get("uses"))).startsWith("actions/upload-artifact@");
              assertThat(String.valueOf(map(s.get("with")).get("path"))).contains("TEST-*.xml");
            });
    String timingsPath = String.valueOf(env.get("TESTLANES_TIMINGS_FILE"));
    for (Map<Object, Object> s : steps) {
      if (String.valueOf(s.get("uses")).startsWith("actions/cache/")) {
        assertThat(timingsPath).endsWith(String.valueOf(map(s.get("with")).get("path")));
      }
    }
    Pattern shard =
        Pattern.compile(
            "-Dtestlanes\\.shard=\\$\\{\\{ matrix\\.shard }}/\\$\\{\\{ env\\.SHARDS }}");
    assertThat(steps)
        .anySatisfy(
            s -> {
              Matcher m = shard.matcher(String.valueOf(s.get("run")));
              assertThat(m.find()).isTrue();
            });
  }
}

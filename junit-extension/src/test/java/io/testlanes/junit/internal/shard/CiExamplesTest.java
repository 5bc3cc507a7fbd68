package io.testlanes.junit.internal.shard;

import static io.testlanes.junit.internal.shard.CiConfigs.list;
import static io.testlanes.junit.internal.shard.CiConfigs.map;
import static io.testlanes.junit.internal.shard.CiConfigs.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.Keys;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The CI configurations in {@code examples/ci/} parse and hold what a sharded testlanes run needs:
 * the embedded backend by default and the external one as the alternative, one merged timings file
 * for every node, and testlanes' cache kept. {@link CiExamplesRunTest} runs them.
 */
class CiExamplesTest {

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

  private static void assertKnownVariables(Map<String, String> env) throws Exception {
    Set<String> known = knownVariables();
    for (String name : env.keySet()) {
      if (name.startsWith("TESTLANES_")) {
        assertThat(known).as("%s names a key in io.testlanes.config.Keys", name).contains(name);
      }
    }
    assertThat(env)
        .containsKeys("TESTLANES_WORKERS", "TESTLANES_TIMINGS_FILE", "TESTLANES_CACHEDIR");
  }

  private static void assertExternalBackend(Map<String, String> env) {
    assertThat(env)
        .containsEntry("TESTLANES_BACKEND", "external")
        .containsKeys(
            "TESTLANES_POSTGRES_URL", "TESTLANES_REDIS_URL", "TESTLANES_CASSANDRA_CONTACTPOINTS");
    assertThat(env.get("TESTLANES_POSTGRES_URL")).startsWith("jdbc:postgresql://");
    assertThat(env.get("TESTLANES_REDIS_URL")).startsWith("redis://");
    // A stock Redis has 16 databases: lanes 1 to 15, one per worker of each JVM.
    assertThat(Integer.parseInt(env.get("TESTLANES_WORKERS"))).isLessThanOrEqualTo(15);
  }

  /** The steps of a CircleCI job by kind, commands expanded. */
  private static Map<String, List<Map<Object, Object>>> circleSteps(
      Map<Object, Object> config, String job) {
    Map<String, List<Map<Object, Object>>> steps = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, @Nullable Object> s :
        CiConfigs.circleSteps(config, map(map(config.get("jobs")).get(job)).get("steps"))) {
      steps
          .computeIfAbsent(s.getKey(), k -> new ArrayList<>())
          .add(s.getValue() instanceof Map<?, ?> ? map(s.getValue()) : Map.of());
    }
    return steps;
  }

  private static String home(String path) {
    return path.replace("~", "/home/circleci");
  }

  @Test
  void circleCiRunsShardsOnTheEmbeddedBackendByDefaultAndMergesTheNodesTimings() throws Exception {
    Map<Object, Object> config = CiConfigs.load(CiConfigs.CIRCLECI);
    assertThat(config.get("version")).isEqualTo(2.1);
    assertThat(map(map(config.get("parameters")).get("external-services")))
        .containsEntry("type", "boolean")
        .containsEntry("default", false);
    assertThat(Files.readString(CiConfigs.CIRCLECI))
        .as("the measured ready times are in the file")
        .contains("embedded (./testlanes up --check)")
        .doesNotContain("READY_");

    Map<Object, Object> jobs = map(config.get("jobs"));
    Map<Object, Object> embedded = map(jobs.get("test"));
    List<Object> docker = list(embedded.get("docker"));
    assertThat(docker).as("no service containers").hasSize(1);
    assertThat(String.valueOf(map(docker.get(0)).get("image"))).contains("openjdk");
    Map<String, String> env = strings(map(docker.get(0)).get("environment"));
    assertKnownVariables(env);
    assertThat(env).doesNotContainKey("TESTLANES_BACKEND").containsKey("TESTLANES_DATADIR");

    Map<Object, Object> external = map(jobs.get("test-external"));
    List<Object> containers = list(external.get("docker"));
    List<String> images = new ArrayList<>();
    containers.forEach(c -> images.add(String.valueOf(map(c).get("image"))));
    assertThat(images.subList(1, images.size()))
        .anyMatch(i -> i.startsWith("postgres:"))
        .anyMatch(i -> i.startsWith("redis:"))
        .anyMatch(i -> i.startsWith("cassandra:"));
    Map<String, String> externalEnv = strings(map(containers.get(0)).get("environment"));
    assertKnownVariables(externalEnv);
    assertExternalBackend(externalEnv);
    for (Object c : containers) {
      assertThat(String.valueOf(map(c).get("command"))).doesNotContain("--databases");
    }

    for (String job : List.of("test", "test-external")) {
      Map<String, List<Map<Object, Object>>> steps = circleSteps(config, job);
      String timings = String.valueOf(env.get("TESTLANES_TIMINGS_FILE"));
      assertThat(steps.get("restore_cache"))
          .anySatisfy(
              s ->
                  assertThat(list(s.get("keys")))
                      .anyMatch(k -> k.toString().startsWith("testlanes-timings-")))
          .anySatisfy(
              s ->
                  assertThat(list(s.get("keys")))
                      .anyMatch(k -> k.toString().startsWith("testlanes-cache-")));
      assertThat(steps.get("save_cache"))
          .as("a node saves no timings of its own: merge-timings saves the merged file")
          .noneMatch(s -> String.valueOf(s.get("key")).startsWith("testlanes-timings-"))
          .anySatisfy(
              s -> {
                assertThat(String.valueOf(s.get("key"))).startsWith("testlanes-cache-");
                assertThat(list(s.get("paths")))
                    .anyMatch(p -> home(p.toString()).equals(env.get("TESTLANES_CACHEDIR")));
              });
      assertThat(steps.get("run"))
          .anySatisfy(
              s ->
                  assertThat(String.valueOf(s.get("command")))
                      .contains("-Dtestlanes.shard=$((CIRCLE_NODE_INDEX+1))/$CIRCLE_NODE_TOTAL"))
          .anySatisfy(
              s ->
                  assertThat(String.valueOf(s.get("command")))
                      .contains(
                          "\"$TESTLANES_TIMINGS_FILE\" /tmp/timings-nodes/node-$CIRCLE_NODE_INDEX.json"));
      assertThat(steps.get("persist_to_workspace"))
          .singleElement()
          .satisfies(s -> assertThat(s).containsEntry("root", "/tmp/timings-nodes"));
      assertThat(steps).containsKey("store_test_results");
      assertThat(timings).startsWith("/home/circleci/testlanes-timings/");
    }

    String timingsFile = String.valueOf(env.get("TESTLANES_TIMINGS_FILE"));
    Map<String, List<Map<Object, Object>>> merge = circleSteps(config, "merge-timings");
    assertThat(merge.get("attach_workspace"))
        .singleElement()
        .satisfies(s -> assertThat(s).containsEntry("at", "/tmp/timings-nodes"));
    assertThat(merge.get("save_cache"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(String.valueOf(s.get("key"))).startsWith("testlanes-timings-");
              assertThat(list(s.get("paths")))
                  .anyMatch(p -> timingsFile.startsWith(home(p.toString()) + "/"));
            });

    Map<Object, Object> workflows = map(config.get("workflows"));
    assertThat(String.valueOf(map(workflows.get("embedded")).get("jobs")))
        .contains("test")
        .contains("merge-timings={requires=[{test=terminal}]}");
    assertThat(String.valueOf(map(workflows.get("external")).get("jobs")))
        .contains("test-external")
        .contains("merge-timings={requires=[{test-external=terminal}]}");
  }

  @Test
  void gitHubActionsRunsAShardMatrixOnTheEmbeddedBackendByDefaultAndMergesTheShardsTimings()
      throws Exception {
    Map<Object, Object> workflow = CiConfigs.load(CiConfigs.GITHUB);
    // YAML 1.1 reads the key `on` as true; GitHub reads it as "on".
    assertThat(workflow.containsKey("on") || workflow.containsKey(Boolean.TRUE)).isTrue();
    Map<Object, Object> jobs = map(workflow.get("jobs"));

    for (String name : List.of("test", "test-external")) {
      Map<Object, Object> job = map(jobs.get(name));
      List<Object> shards = list(map(map(job.get("strategy")).get("matrix")).get("shard"));
      assertThat(shards).hasSizeGreaterThanOrEqualTo(2);
      for (int i = 0; i < shards.size(); i++) {
        assertThat(shards.get(i)).isEqualTo(i + 1);
      }
      assertThat(map(workflow.get("env")).get("SHARDS")).isEqualTo(shards.size());
      Map<String, String> env = strings(job.get("env"));
      assertKnownVariables(env);

      List<Map<Object, Object>> steps = new ArrayList<>();
      list(job.get("steps")).forEach(s -> steps.add(map(s)));
      assertThat(steps)
          .anySatisfy(
              s -> {
                assertThat(String.valueOf(s.get("uses"))).startsWith("actions/cache@");
                assertThat(map(s.get("with"))).containsEntry("path", env.get("TESTLANES_CACHEDIR"));
              })
          .anySatisfy(
              s -> {
                assertThat(String.valueOf(s.get("uses"))).startsWith("actions/cache/restore@");
                assertThat(String.valueOf(env.get("TESTLANES_TIMINGS_FILE")))
                    .endsWith("/" + map(s.get("with")).get("path"));
              })
          .anySatisfy(
              s -> {
                assertThat(String.valueOf(s.get("uses"))).startsWith("actions/upload-artifact@");
                assertThat(String.valueOf(map(s.get("with")).get("name")))
                    .isEqualTo("testlanes-timings-${{ matrix.shard }}");
              })
          .anySatisfy(
              s -> {
                assertThat(String.valueOf(s.get("uses"))).startsWith("actions/upload-artifact@");
                assertThat(String.valueOf(map(s.get("with")).get("path"))).contains("TEST-*.xml");
              })
          .noneSatisfy(
              s -> assertThat(String.valueOf(s.get("uses"))).startsWith("actions/cache/save@"));
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
    Map<Object, Object> embedded = map(jobs.get("test"));
    assertThat(embedded).doesNotContainKey("services");
    assertThat(strings(embedded.get("env"))).doesNotContainKey("TESTLANES_BACKEND");
    Map<Object, Object> external = map(jobs.get("test-external"));
    assertThat(map(external.get("services"))).containsKeys("postgres", "redis", "cassandra");
    assertExternalBackend(strings(external.get("env")));
    assertThat(embedded.get("if")).isEqualTo("vars.TESTLANES_EXTERNAL != 'true'");
    assertThat(external.get("if")).isEqualTo("vars.TESTLANES_EXTERNAL == 'true'");

    Map<Object, Object> merge = map(jobs.get("merge-timings"));
    assertThat(list(merge.get("needs"))).containsExactly("test", "test-external");
    assertThat(merge.get("if")).isEqualTo("always()");
    List<Map<Object, Object>> steps = new ArrayList<>();
    list(merge.get("steps")).forEach(s -> steps.add(map(s)));
    assertThat(steps)
        .anySatisfy(
            s -> {
              assertThat(String.valueOf(s.get("uses"))).startsWith("actions/download-artifact@");
              assertThat(map(s.get("with"))).containsEntry("pattern", "testlanes-timings-*");
            })
        .anySatisfy(
            s -> assertThat(String.valueOf(s.get("uses"))).startsWith("actions/cache/save@"));
  }
}

package io.testlanes.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  @Test
  void upCheckJsonStartsEveryServiceOnceAndPrintsItsReadyTime() {
    int code = run("up", "--check", "--json");
    String json = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(code).as(json + err).isZero();
    for (String service : new String[] {"postgres", "redis", "cassandra"}) {
      Matcher m =
          Pattern.compile(
                  "\""
                      + service
                      + "\":\\{\"readyMillis\":(\\d+),\"endpoint\":\"127\\.0\\.0\\.1:\\d+\"")
              .matcher(json);
      assertThat(m.find()).as("%s in %s", service, json).isTrue();
      assertThat(Long.parseLong(m.group(1))).isPositive();
    }
  }

  @Test
  void statusOfAProjectWithoutServicesSaysSo() {
    int code = run("status", "--json", "-Dtestlanes.runId=cli-test-" + UUID.randomUUID());
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("{\"running\":false}");
  }

  @Test
  void aBadSettingFailsWithTheConfigurationMessageAndExitCode2() {
    int code = run("up", "--check", "-Dtestlanes.backend=kubernetes");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("Invalid value 'kubernetes' for testlanes.backend");
  }

  @Test
  void anUnknownCommandPrintsUsage() {
    assertThat(run("launch")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("testlanes: unknown command launch")
        .contains("usage: testlanes up --check");
  }
}

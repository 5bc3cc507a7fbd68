package io.testlanes.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringScenariosTest {
  @TempDir Path dir;

  private static String stats(int hits, int misses) {
    return "06:40:04.583 DEBUG o.springframework.test.context.cache - Spring test"
        + " ApplicationContext cache statistics: [DefaultContextCache@5bfeb9ba size = 3, maxSize ="
        + " 32, contextUsageCount = 0, parentContextCount = 0, hitCount = "
        + hits
        + ", missCount = "
        + misses
        + ", failureCount = 0]\n";
  }

  @Test
  void contextsCreatedAreTheLastMissCountOfEachJvmSummed() throws Exception {
    Files.writeString(dir.resolve("jvm-1-1.log"), stats(0, 1) + "other\n" + stats(40, 3));
    Files.writeString(dir.resolve("jvm-1-2.log"), stats(2, 2));
    Files.writeString(dir.resolve("jvm-1-3.log"), "a JVM without Spring\n");
    assertThat(SpringScenarios.contextsCreated(dir)).isEqualTo(5);
  }

  @Test
  void withoutSpringsStatisticsTheCountIsUnknown() throws Exception {
    Files.writeString(dir.resolve("jvm-1-1.log"), "no statistics here\n");
    assertThat(SpringScenarios.contextsCreated(dir)).isEqualTo(-1);
  }

  @Test
  void theReportCountsContextsCreatedInEveryPart() throws Exception {
    Path parts = Files.createDirectories(dir.resolve("report-1-1/parts"));
    Files.writeString(
        parts.resolve("1-a.json"),
        "{\"contexts\":[{\"class\":\"A\",\"created\":true},{\"class\":\"B\",\"created\":false}]}");
    Files.writeString(parts.resolve("2-b.json"), "{\"contexts\":[{\"created\":true}]}");
    assertThat(SpringScenarios.contextsInReport(dir)).isEqualTo(2);
    assertThat(SpringScenarios.contextsInReport(dir.resolve("report-1-1"))).isEqualTo(-1);
  }

  @Test
  void aMissingBuildOfTheExampleSaysHowToMakeIt() {
    assertThatThrownBy(() -> SpringScenarios.suite(dir.resolve("testcontainers")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-Dtestcontainers")
        .hasMessageContaining("benchmarks/run.sh");
  }
}

package io.testlanes.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimingsTest {
  @TempDir Path dir;

  @Test
  void aTimeIsStampedWhenItChangesSoThatNodesCanBeMergedByTheLatest() throws Exception {
    Path file = dir.resolve("timings.json");
    Timings.write(file, Map.of("A", 100L, "B", 200L), 1000);
    // The next run measured B again, and A only came along from the file.
    Timings.write(file, Map.of("A", 100L, "B", 250L, "C", 10L), 2000);

    assertThat(Timings.read(file))
        .containsExactlyInAnyOrderEntriesOf(Map.of("A", 100L, "B", 250L, "C", 10L));
    assertThat(Json.parseObject(Files.readString(file)).get("measured"))
        .isEqualTo(Map.of("A", 1000L, "B", 2000L, "C", 2000L));
  }

  @Test
  void theBaselineIsKeptByEveryWriteAndGrowsWithEverySerialRun() {
    Path file = dir.resolve("timings.json");
    Timings.write(file, Map.of("A", 100L));
    Timings.addToBaseline(
        file, new Baseline(Instant.parse("2025-12-01T10:00:00Z"), 900, Map.of("A", 120L)));
    Timings.write(file, Map.of("A", 60L, "B", 70L));
    Timings.addToBaseline(
        file, new Baseline(Instant.parse("2025-12-02T10:00:00Z"), 800, Map.of("B", 90L)));

    Baseline b = Timings.baseline(file).orElseThrow();
    assertThat(b.classes()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 120L, "B", 90L));
    assertThat(b.overheadMillis()).isEqualTo(800);
    assertThat(b.recorded()).isEqualTo(Instant.parse("2025-12-02T10:00:00Z"));
    assertThat(b.wallFor(List.of("A", "B"))).hasValue(800 + 120 + 90);
    assertThat(b.wallFor(List.of("A", "C"))).isEmpty();
    assertThat(Timings.read(file)).containsExactlyInAnyOrderEntriesOf(Map.of("A", 60L, "B", 70L));
  }
}

package io.testlanes.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.Backend;
import io.testlanes.config.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuUseTest {
  private static final long T0 = 1_764_583_200_000L;

  @TempDir Path dir;

  private static CpuUse.Snapshot at(
      long ms, long jvm, long hostPid, long host, long busy, long total, int cpus) {
    return at(ms, jvm, hostPid, new ProcCpu.HostTree(host, Map.of()), busy, total, cpus);
  }

  private static CpuUse.Snapshot at(
      long ms, long jvm, long hostPid, ProcCpu.HostTree host, long busy, long total, int cpus) {
    return new CpuUse.Snapshot(T0 + ms, jvm, hostPid, host, new ProcCpu.Machine(busy, total, cpus));
  }

  @Test
  void addsTheJvmsAndCountsTheHostFromTheRunsStartOrFromItsBirth() {
    // JVM 1 starts first, when no host runs yet; JVM 2 starts later and finds it; both end.
    CpuUse.Sample one =
        new CpuUse.Sample(
            "r", 1, at(0, 1000, 0, 0, 50_000, 100_000, 2), at(10_000, 7000, 99, 5000, 0, 0, 2));
    CpuUse.Sample two =
        new CpuUse.Sample(
            "r",
            2,
            at(2000, 800, 99, 3000, 0, 0, 2),
            at(12_000, 4800, 99, 6000, 66_000, 124_000, 2));

    CpuUse.Figures f = CpuUse.of(List.of(one, two), 2, Backend.EMBEDDED).orElseThrow();

    assertThat(f.windowMillis()).isEqualTo(12_000);
    assertThat(f.jvmMillis()).isEqualTo(6000 + 4000);
    assertThat(f.host().totalMillis()).as("born during the run: all of it").isEqualTo(6000);
    assertThat(f.busyCores()).isEqualTo(16_000 / 12_000.0);
    assertThat(f.machineBusy()).hasValue(16_000 / 24_000.0);
  }

  @Test
  void aWarmHostCountsOnlyWhatItUsedDuringTheRun() {
    CpuUse.Sample one =
        new CpuUse.Sample(
            "r", 1, at(0, 0, 7, 40_000, 0, 1, 4), at(1000, 500, 7, 40_300, 1000, 4001, 4));

    CpuUse.Figures f = CpuUse.of(List.of(one), 2, Backend.EMBEDDED).orElseThrow();

    assertThat(f.host().totalMillis()).isEqualTo(300);
    assertThat(f.machineBusy())
        .as("4 CPUs, of which this JVM may use 2: the machine's figure would mislead")
        .isEqualTo(OptionalDouble.empty());
  }

  @Test
  void eachServiceCountsWhatItUsedInTheRunAndOneStartedDuringItAllOfIt() throws Exception {
    ProcCpu.HostTree before = new ProcCpu.HostTree(900, Map.of(Service.POSTGRES, 2000L));
    ProcCpu.HostTree after =
        new ProcCpu.HostTree(
            1000, Map.of(Service.POSTGRES, 2600L, Service.REDIS, 40L, Service.CASSANDRA, 9000L));
    CpuUse.Sample one =
        new CpuUse.Sample("r", 1, at(0, 0, 7, before, 0, 1, 2), at(1000, 500, 7, after, 0, 2, 2));

    CpuUse.Figures f = CpuUse.of(List.of(one), 2, Backend.EMBEDDED).orElseThrow();

    assertThat(f.host().hostMillis()).isEqualTo(100);
    assertThat(f.host().serviceMillis())
        .containsExactly(
            Map.entry(Service.POSTGRES, 600L),
            Map.entry(Service.REDIS, 40L),
            Map.entry(Service.CASSANDRA, 9000L));
    assertThat(f.host().totalMillis()).isEqualTo(100 + 600 + 40 + 9000);
    assertThat(CpuUse.fromJson(CpuUse.toJson(one))).as("written and read back").isEqualTo(one);
  }

  @Test
  void samplesOfOneRunAreKeptAndThoseOfOthersRemoved() throws Exception {
    CpuUse.Sample old =
        new CpuUse.Sample("old", 1, at(0, 0, 0, 0, 0, 1, 2), at(1, 1, 0, 0, 1, 2, 2));
    CpuUse.Sample mine =
        new CpuUse.Sample("new", 2, at(0, 0, 0, 0, 0, 1, 2), at(1, 1, 0, 0, 1, 2, 2));
    CpuUse.write(dir, old);
    CpuUse.write(dir, mine);
    Files.writeString(dir.resolve("cpu/stray.json"), "not json");

    assertThat(CpuUse.read(dir, "new")).containsExactly(mine);
    assertThat(CpuUse.read(dir, "old")).isEmpty();
    try (var files = Files.list(dir.resolve("cpu"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void procReadsThisJvmAndTheMachine() {
    long self = ProcessHandle.current().pid();
    OptionalLong jvm = ProcCpu.process(self);

    assertThat(jvm).isPresent();
    assertThat(jvm.getAsLong()).isPositive();
    assertThat(ProcCpu.host(self).orElseThrow().totalMillis())
        .isGreaterThanOrEqualTo(jvm.getAsLong());
    assertThat(ProcCpu.machine().orElseThrow().cpus()).isPositive();
    assertThat(ProcCpu.process(Long.MAX_VALUE)).isEmpty();
  }
}

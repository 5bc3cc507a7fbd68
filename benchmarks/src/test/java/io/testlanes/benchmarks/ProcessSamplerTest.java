package io.testlanes.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.benchmarks.ProcessSampler.Group;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
  @Test
  void eachProcessCountsByItsCommandLine() {
    assertThat(Group.of(true, "java", "")).isEqualTo(Group.TEST_JVMS);
    assertThat(Group.of(false, "java", "java -cp a.jar io.testlanes.internal.run.RunHost /tmp/r"))
        .isEqualTo(Group.HOST);
    assertThat(
            Group.of(
                false,
                "java",
                "java -Xmx1g -cp c.jar org.apache.cassandra.service.CassandraDaemon"))
        .isEqualTo(Group.CASSANDRA);
    assertThat(Group.of(false, "postgres", "postgres: lane_1 127.0.0.1 idle"))
        .isEqualTo(Group.POSTGRES);
    assertThat(Group.of(false, "redis-server", "redis-server 127.0.0.1:6379"))
        .isEqualTo(Group.REDIS);
    assertThat(Group.of(false, "containerd-shim", "containerd-shim-runc-v2 -id x"))
        .isEqualTo(Group.OTHER);
  }

  @Test
  void ownTimeAndReapedChildrensTimeAreReadApart() {
    ProcessSampler.Stat s =
        Objects.requireNonNull(
            ProcessSampler.parse(
                "4242 (my (odd) name) S 1 4242 4242 0 -1 4194304 100 0 0 0 150 50 30 20 20 0 12 0"
                    + " 5000 1000000 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0"));
    assertThat(s.comm()).isEqualTo("my (odd) name");
    assertThat(s.ppid()).isEqualTo(1);
    assertThat(s.own()).isEqualTo(200);
    assertThat(s.children()).isEqualTo(50);
    assertThat(s.startTicks()).isEqualTo(5000);
    assertThat(s.rss()).isEqualTo(300 * 4096L);
  }
}

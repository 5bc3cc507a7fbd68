package io.testlanes.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.config.Service;
import org.junit.jupiter.api.Test;

class RunProcessesTest {
  @Test
  void theHostAndEachEmbeddedServiceAreToldByCommandNameAndLine() {
    assertThat(RunProcesses.isHost("java -cp a.jar io.testlanes.internal.run.RunHost /tmp/r"))
        .isTrue();
    assertThat(RunProcesses.isHost("java -cp a.jar org.example.Main")).isFalse();
    assertThat(
            RunProcesses.service(
                "java", "java -Xmx1g -cp c.jar org.apache.cassandra.service.CassandraDaemon"))
        .hasValue(Service.CASSANDRA);
    assertThat(RunProcesses.service("postgres", "postgres: lane_1 127.0.0.1 idle"))
        .hasValue(Service.POSTGRES);
    assertThat(RunProcesses.service("initdb", "initdb -D /dev/shm/x")).hasValue(Service.POSTGRES);
    assertThat(RunProcesses.service("redis-server", "redis-server 127.0.0.1:6379"))
        .hasValue(Service.REDIS);
    assertThat(RunProcesses.service("bash", "setsid bash -c while kill -0 ...")).isEmpty();
    assertThat(
            RunProcesses.service(
                "java",
                "java -cp /m2/org/apache/cassandra/cassandra-all/5.0/c.jar org.example.Main"))
        .as("a path to Cassandra's jar is not Cassandra")
        .isEmpty();
  }
}

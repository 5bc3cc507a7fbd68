package io.testlanes.internal.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceStartExceptionTest {
  private final ServiceStartException postgres =
      new ServiceStartException(Service.POSTGRES, "refused", "");
  private final ServiceStartException redis =
      new ServiceStartException(Service.REDIS, "wrong password", "");
  private final ServiceStartException cassandra =
      new ServiceStartException(Service.CASSANDRA, "not ready", "last log line");

  @Test
  void failuresOfSeveralServicesAreNamedInOneMessage() {
    RuntimeException combined = ServiceStartException.combine(List.of(postgres, redis, cassandra));

    assertThat(combined)
        .isInstanceOf(ServiceStartException.class)
        .hasMessage(
            "postgres, redis and cassandra failed to start:\n"
                + "- postgres failed to start: refused\n"
                + "- redis failed to start: wrong password\n"
                + "- cassandra failed to start: not ready\n"
                + "--- last lines of the cassandra log ---\n"
                + "last log line")
        .hasCause(postgres);
    assertThat(combined.getSuppressed()).containsExactly(redis, cassandra);
    assertThat(ServiceStartException.combine(List.of(redis, cassandra)))
        .hasMessageStartingWith("redis and cassandra failed to start:\n");
  }

  @Test
  void oneFailureIsItself() {
    assertThat(ServiceStartException.combine(List.of(redis))).isSameAs(redis);
  }

  @Test
  void aConfigurationErrorComesFirst() {
    ConfigurationException config =
        new ConfigurationException(
            Keys.REDIS_URL, "x", "Invalid value 'x' for testlanes.redis.url");

    RuntimeException combined = ServiceStartException.combine(List.of(postgres, config));

    assertThat(combined).isSameAs(config);
    assertThat(config.getSuppressed()).containsExactly(postgres);
  }

  @Test
  void nothingToCombineIsABadArgument() {
    assertThatThrownBy(() -> ServiceStartException.combine(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected at least one failure to combine");
  }
}

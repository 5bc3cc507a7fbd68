package io.testlanes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static Settings load(Map<String, String> values) {
    return Settings.load(List.of(ConfigSource.of("test parameter", values)));
  }

  @Test
  void defaultsFollowTheDesign() {
    Settings s = load(Map.of());
    assertThat(s.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(s.backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(s.isolation()).isEqualTo(Isolation.LANES);
    assertThat(s.reset()).isEqualTo(Reset.TEST);
    assertThat(s.keepAlive()).isZero();
    assertThat(s.services()).isEmpty();
    assertThat(s.shard()).isEmpty();
    assertThat(s.given()).isEmpty();
  }

  @Test
  void valuesAreParsed() {
    Settings s =
        load(
            Map.of(
                Keys.WORKERS, "4",
                Keys.BACKEND, "Docker",
                Keys.SERVICES, "postgres, redis",
                Keys.KEEP_ALIVE, "10m",
                Keys.SHARD, "2/4",
                Keys.POSTGRES_SCHEMA, "db/a.sql, db/b.sql",
                Keys.CASSANDRA_HEAP, "1g"));
    assertThat(s.workers()).isEqualTo(4);
    assertThat(s.backend()).isEqualTo(Backend.DOCKER);
    assertThat(s.services()).contains(EnumSet.of(Service.POSTGRES, Service.REDIS));
    assertThat(s.keepAlive()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.shard()).contains(Shard.of(2, 4));
    assertThat(s.postgresSchema()).containsExactly("db/a.sql", "db/b.sql");
    assertThat(s.cassandraHeapMegabytes()).isEqualTo(1024);
    assertThat(s.given()).containsEntry(Keys.WORKERS, "4");
  }

  @Test
  void theFirstSourceThatSetsAKeyWins() {
    Settings s =
        Settings.load(
            List.of(
                ConfigSource.of("system property", Map.of(Keys.WORKERS, "3")),
                ConfigSource.environment(
                    Map.of("TESTLANES_WORKERS", "5", "TESTLANES_RESET", "class")),
                ConfigSource.of("JUnit configuration parameter", Map.of(Keys.WORKERS, "7"))));
    assertThat(s.workers()).isEqualTo(3);
    assertThat(s.reset()).isEqualTo(Reset.CLASS);
  }

  @Test
  void durationsAcceptUnitsAndIso() {
    assertThat(Settings.parseDuration("0")).isZero();
    assertThat(Settings.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Settings.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Settings.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Settings.parseDuration("PT10M")).isEqualTo(Duration.ofMinutes(10));
  }

  @Nested
  class Failures {
    @Test
    void workersThatAreNotANumber() {
      assertThatThrownBy(() -> load(Map.of(Keys.WORKERS, "abc")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value 'abc' for testlanes.workers (from test parameter testlanes.workers):"
                  + " expected a whole number of parallel workers >= 1. Fix: give a number, for"
                  + " example -Dtestlanes.workers=4.")
          .satisfies(
              e -> {
                assertThat(((ConfigurationException) e).key()).isEqualTo(Keys.WORKERS);
                assertThat(((ConfigurationException) e).value()).isEqualTo("abc");
              });
    }

    @Test
    void zeroAndNegativeWorkers() {
      for (String bad : new String[] {"0", "-3"}) {
        assertThatThrownBy(() -> load(Map.of(Keys.WORKERS, bad)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("Invalid value '" + bad + "' for testlanes.workers")
            .hasMessageContaining("expected a whole number of parallel workers >= 1");
      }
    }

    @Test
    void workersFromTheEnvironmentNameTheVariable() {
      assertThatThrownBy(
              () ->
                  Settings.load(
                      List.of(ConfigSource.environment(Map.of("TESTLANES_WORKERS", "x")))))
          .hasMessageContaining("(from environment variable TESTLANES_WORKERS)");
    }

    @Test
    void anUnknownBackend() {
      assertThatThrownBy(() -> load(Map.of(Keys.BACKEND, "kubernetes")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value 'kubernetes' for testlanes.backend (from test parameter"
                  + " testlanes.backend): expected one of embedded, docker, external. Fix: use one"
                  + " of them, for example -Dtestlanes.backend=embedded.");
    }

    @Test
    void anUnknownService() {
      assertThatThrownBy(() -> load(Map.of(Keys.SERVICES, "postgres,mysql")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value 'postgres,mysql' for testlanes.services (from test parameter"
                  + " testlanes.services): expected a comma-separated list of postgres, redis,"
                  + " cassandra (unknown service 'mysql'). Fix: list only those services, for"
                  + " example -Dtestlanes.services=postgres,redis.");
    }

    @Test
    void aMalformedDuration() {
      for (String bad : new String[] {"ten minutes", "10", "-5s", "P-1D"}) {
        assertThatThrownBy(() -> load(Map.of(Keys.KEEP_ALIVE, bad)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage(
                "Invalid value '"
                    + bad
                    + "' for testlanes.keepAlive (from test parameter testlanes.keepAlive):"
                    + " expected a duration such as 0, 500ms, 30s, 10m, 1h or PT10M. Fix: write a"
                    + " number followed by ms, s, m, h or d, for example"
                    + " -Dtestlanes.keepAlive=10m.");
      }
    }

    @Test
    void aShardOutOfRange() {
      for (String bad : new String[] {"5/4", "0/4", "1-4", "a/b"}) {
        assertThatThrownBy(() -> load(Map.of(Keys.SHARD, bad)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("Invalid value '" + bad + "' for testlanes.shard")
            .hasMessageEndingWith("for example -Dtestlanes.shard=1/4.");
      }
    }

    @Test
    void aTooSmallCassandraHeap() {
      assertThatThrownBy(() -> load(Map.of(Keys.CASSANDRA_HEAP, "16m")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("expected a memory size of at least 64m");
    }

    @Test
    void aMissingJavaHomeForCassandra() {
      assertThatThrownBy(() -> load(Map.of(Keys.CASSANDRA_JAVA_HOME, "/no/such/jdk")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("expected an existing directory");
    }
  }
}

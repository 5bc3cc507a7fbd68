package io.testlanes.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Settings;
import io.testlanes.run.TestRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose schema scripts or migrations are missing fails when it is joined, naming the key,
 * before any host or service starts (it used to fail after all three services started, and then
 * once per test).
 */
class JoinChecksTest {
  @TempDir Path cache;

  private Settings settings(String key, String value) {
    return Settings.load(
        List.of(
            ConfigSource.of(
                "test",
                Map.of(
                    Keys.RUN_ID,
                    "join-checks-" + UUID.randomUUID(),
                    Keys.CACHE_DIR,
                    cache.toString(),
                    Keys.SERVICES,
                    "postgres,cassandra",
                    key,
                    value))));
  }

  @Test
  void aMissingPostgresScriptFailsAtJoinNamingTheKeyAndStartsNothing() {
    Settings s = settings(Keys.POSTGRES_SCHEMA, "lane/schema.sql,lane/not-there.sql");

    assertThatThrownBy(() -> TestRun.join(s, getClass().getClassLoader()))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.key()).isEqualTo(Keys.POSTGRES_SCHEMA))
        .hasMessageContaining("'lane/not-there.sql'")
        .hasMessageContaining("is not on the classpath");
    assertThat(TestRun.status(s, false)).isEmpty();
    assertThat(cache.resolve("runs")).doesNotExist();
  }

  @Test
  void aMissingCassandraScriptFailsAtJoinNamingTheKey() {
    Settings s = settings(Keys.CASSANDRA_SCHEMA, "nowhere/timeline.cql");

    assertThatThrownBy(() -> TestRun.join(s, getClass().getClassLoader()))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.key()).isEqualTo(Keys.CASSANDRA_SCHEMA))
        .hasMessageContaining("nowhere/timeline.cql");
    assertThat(cache.resolve("runs")).doesNotExist();
  }
}

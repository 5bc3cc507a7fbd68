package io.testlanes.internal.backend.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.ConfigSource;
import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.backend.StartContext;
import io.testlanes.internal.backend.embedded.FreePorts;
import io.testlanes.internal.process.Watchdog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Errors of the external backend; CI runs the lane contract against real external servers. */
class ExternalBackendTest {

  private static Settings settings(Map<String, String> values) {
    return Settings.load(List.of(ConfigSource.of("test parameter", values)));
  }

  private static Watchdog watchdog = Watchdog.start();

  @AfterAll
  static void stopWatchdog() {
    watchdog.close();
  }

  private static StartContext context(Settings s) {
    // nothing is started, so the data directory is never used
    return new StartContext(s, Path.of("/nonexistent"), Path.of("/nonexistent"), watchdog, 4);
  }

  @Test
  void endpointsAreReadFromBothUrlForms() {
    ServiceEndpoint jdbc =
        ExternalEndpoints.postgres(
            settings(
                Map.of(Keys.POSTGRES_URL, "jdbc:postgresql://db:5433/app?user=u&password=p%40ss")));
    assertThat(jdbc.address()).isEqualTo("db:5433");
    assertThat(jdbc.user()).isEqualTo("u");
    assertThat(jdbc.password()).isEqualTo("p@ss");
    assertThat(jdbc.attribute(ServiceEndpoint.DATABASE)).contains("app");
    ServiceEndpoint uri =
        ExternalEndpoints.postgres(settings(Map.of(Keys.POSTGRES_URL, "postgresql://u:p@db/app")));
    assertThat(uri.port()).isEqualTo(5432);
    assertThat(uri.password()).isEqualTo("p");
    ServiceEndpoint redis =
        ExternalEndpoints.redis(settings(Map.of(Keys.REDIS_URL, "redis://:secret@cache:6380")));
    assertThat(redis.address()).isEqualTo("cache:6380");
    assertThat(redis.password()).isEqualTo("secret");
    ServiceEndpoint cassandra =
        ExternalEndpoints.cassandra(
            settings(Map.of(Keys.CASSANDRA_CONTACT_POINTS, "cass:9043,cass2:9043")));
    assertThat(cassandra.address()).isEqualTo("cass:9043");
    assertThat(cassandra.attribute(ServiceEndpoint.DATACENTER)).contains("datacenter1");
  }

  @Test
  void aMissingUrlNamesTheKeyAndTheFix() {
    assertThatThrownBy(
            () -> new ExternalBackend().start(Service.REDIS, context(settings(Map.of()))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Missing value for testlanes.redis.url: expected a value, because"
                + " testlanes.backend=external starts nothing. Fix: set it, for example"
                + " -Dtestlanes.redis.url=redis://:secret@localhost:6379, or use"
                + " -Dtestlanes.backend=embedded.");
  }

  @Test
  void aMalformedUrlNamesTheExpectedForm() {
    assertThatThrownBy(
            () -> ExternalEndpoints.postgres(settings(Map.of(Keys.POSTGRES_URL, "mysql://db/app"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Invalid value 'mysql://db/app' for testlanes.postgres.url")
        .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD");
  }

  @Test
  void anUnreachableServerFailsWithItsAddressAndWhatWasTried() {
    int port = FreePorts.freePort();
    Settings s =
        settings(Map.of(Keys.REDIS_URL, "redis://:x@127.0.0.1:" + port, Keys.START_TIMEOUT, "1s"));
    assertThatThrownBy(() -> new ExternalBackend().start(Service.REDIS, context(s)))
        .isInstanceOf(ServiceStartException.class)
        .hasMessage(
            "redis failed to start: the external redis at 127.0.0.1:"
                + port
                + " (from testlanes.redis.url) did not answer within 1 s: Failed to connect to"
                + " 127.0.0.1:"
                + port
                + ": Connection refused. Fix: check that the server runs and that"
                + " testlanes.redis.url names its address, or use -Dtestlanes.backend=embedded");
  }
}

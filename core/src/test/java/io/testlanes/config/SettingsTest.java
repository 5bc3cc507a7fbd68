package io.testlanes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  private static final String KEYS = "io.testlanes.config.Keys";

  @TempDir Path tmp;

  private static Settings load(Map<String, String> values) {
    return Settings.load(List.of(ConfigSource.of("test parameter", values)));
  }

  @Test
  void defaultsFollowTheDesign() {
    Settings s = load(Map.of());
    assertThat(s.workers())
        .isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), Settings.MAX_WORKERS));
    assertThat(s.backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(s.isolation()).isEqualTo(Isolation.LANES);
    assertThat(s.reset()).isEqualTo(Reset.TEST);
    assertThat(s.keepAlive()).isZero();
    assertThat(s.services()).isEmpty();
    assertThat(s.shard()).isEmpty();
    assertThat(s.report()).isTrue();
    assertThat(s.reportDir()).isEqualTo(Path.of("target", "testlanes"));
    assertThat(s.timingsFile()).isEqualTo(Path.of("target", "testlanes", "timings.json"));
    assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(s.leaseTimeout()).isEqualTo(Duration.ofMinutes(10));
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
                Keys.CASSANDRA_HEAP, "1g",
                Keys.DOCKER_POSTGRES_IMAGE, "registry.local:5000/team/postgres:15-alpine"));
    assertThat(s.workers()).isEqualTo(4);
    assertThat(s.backend()).isEqualTo(Backend.DOCKER);
    assertThat(s.services()).contains(EnumSet.of(Service.POSTGRES, Service.REDIS));
    assertThat(s.keepAlive()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.shard()).contains(Shard.of(2, 4));
    assertThat(s.postgresSchema()).containsExactly("db/a.sql", "db/b.sql");
    assertThat(s.cassandraHeapMegabytes()).isEqualTo(1024);
    assertThat(s.dockerPostgresImage()).isEqualTo("registry.local:5000/team/postgres:15-alpine");
    assertThat(s.given()).containsEntry(Keys.WORKERS, "4");
  }

  @Test
  void theReportKeysAreSettings() throws IOException {
    Path reports = tmp.resolve("reports");
    Settings s =
        load(
            Map.of(
                Keys.REPORT, "FALSE",
                Keys.REPORT_DIR, reports.toString(),
                Keys.TIMINGS_FILE, tmp.resolve("ci/timings.json").toString()));
    assertThat(s.report()).isFalse();
    assertThat(s.reportDir()).isEqualTo(reports);
    assertThat(s.timingsFile()).isEqualTo(tmp.resolve("ci/timings.json"));
    assertThat(load(Map.of(Keys.REPORT_DIR, reports.toString())).timingsFile())
        .isEqualTo(reports.resolve("timings.json"));
    assertThat(reports).as("loading settings creates nothing").doesNotExist();
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
  void givenHoldsTheExplicitValuesAsGivenAndReproducesTheSettings() {
    Map<String, String> values =
        Map.of(Keys.WORKERS, "3", Keys.KEEP_ALIVE, "10m", Keys.CASSANDRA_HEAP, "1g");
    Settings s = load(values);
    assertThat(s.given()).isEqualTo(values);
    Settings again = Settings.load(List.of(ConfigSource.of("host settings file", s.given())));
    assertThat(again.hostSettings()).isEqualTo(s.hostSettings());
    assertThat(again.workers()).isEqualTo(3);
  }

  @Test
  void namesOutsideThePrefixAreNotTestlanesBusiness() {
    Settings s =
        Settings.load(
            List.of(
                ConfigSource.of(
                    "test parameter", Map.of("junit.jupiter.foo", "x", "testlanes", "y")),
                ConfigSource.environment(Map.of("PATH", "/bin", "TESTLANESX", "1"))));
    assertThat(s.given()).isEmpty();
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
  class Registry {
    @Test
    void everyConstantOfKeysIsInTheRegistryOnce() throws IllegalAccessException {
      List<String> constants = new ArrayList<>();
      for (Field f : Keys.class.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isPublic(m)
            && Modifier.isStatic(m)
            && f.getType() == String.class
            && !f.getName().equals("PREFIX")) {
          constants.add((String) f.get(null));
        }
      }
      assertThat(Keys.all()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(constants);
      assertThat(Keys.all()).allSatisfy(k -> assertThat(k).startsWith(Keys.PREFIX));
    }

    @Test
    void everyKeyHasItsOwnEnvironmentVariable() {
      Set<String> names = new HashSet<>();
      for (String key : Keys.all()) {
        assertThat(names.add(ConfigSource.envName(key))).as(key).isTrue();
      }
    }

    @Test
    void settingsReadEveryKey() {
      Set<String> asked = new HashSet<>();
      Settings.load(
          List.of(
              ConfigSource.of(
                  "probe",
                  key -> {
                    asked.add(key);
                    return Optional.empty();
                  })));
      assertThat(asked).containsAll(Keys.all());
    }

    @Test
    void theSuggestionCountsASwappedPairOnce() {
      assertThat(UnknownKeys.distance("wrokers", "workers")).isEqualTo(1);
      assertThat(UnknownKeys.distance("bakend", "backend")).isEqualTo(1);
      assertThat(UnknownKeys.distance("", "abc")).isEqualTo(3);
      assertThat(UnknownKeys.distance("kitten", "sitting")).isEqualTo(3);
    }
  }

  @Nested
  class HostSettings {
    @Test
    void embeddedDefaultsInTheOrderOfKeys() {
      assertThat(load(Map.of()).hostSettings())
          .containsExactly(
              Map.entry(Keys.BACKEND, "embedded"),
              Map.entry(Keys.POSTGRES_BINARIES, "maven"),
              Map.entry(Keys.REDIS_BINARY, "maven"),
              Map.entry(Keys.CASSANDRA_VERSION, "5.0.6"),
              Map.entry(Keys.CASSANDRA_JAVA_HOME, ""),
              Map.entry(Keys.CASSANDRA_HEAP, "512m"),
              Map.entry(Keys.CACHE_DIR, ""),
              Map.entry(Keys.DATA_DIR, ""),
              Map.entry(Keys.POSTGRES_FSYNC, "false"));
    }

    @Test
    void dockerAndExternalHaveTheirOwnKeys() {
      assertThat(load(Map.of(Keys.BACKEND, "docker")).hostSettings())
          .containsExactly(
              Map.entry(Keys.BACKEND, "docker"),
              Map.entry(Keys.DOCKER_POSTGRES_IMAGE, "postgres:17"),
              Map.entry(Keys.DOCKER_REDIS_IMAGE, "redis:7"),
              Map.entry(Keys.DOCKER_CASSANDRA_IMAGE, "cassandra:5.0"),
              Map.entry(Keys.CASSANDRA_HEAP, "512m"),
              Map.entry(Keys.POSTGRES_FSYNC, "false"));
      assertThat(
              load(Map.of(
                      Keys.BACKEND, "external",
                      Keys.POSTGRES_URL, "jdbc:postgresql://db/p?user=u&password=pw",
                      Keys.CASSANDRA_CONTACT_POINTS, "a:9042, b:9042"))
                  .hostSettings())
          .containsExactly(
              Map.entry(Keys.BACKEND, "external"),
              Map.entry(Keys.POSTGRES_URL, "jdbc:postgresql://db/p?user=u&password=pw"),
              Map.entry(Keys.REDIS_URL, ""),
              Map.entry(Keys.CASSANDRA_CONTACT_POINTS, "a:9042,b:9042"),
              Map.entry(Keys.CASSANDRA_LOCAL_DATACENTER, "datacenter1"),
              Map.entry(Keys.CASSANDRA_USER, ""),
              Map.entry(Keys.CASSANDRA_PASSWORD, ""));
    }

    @Test
    void aDifferentCassandraPasswordIsNamedButNotShown() {
      Map<String, String> other =
          load(Map.of(
                  Keys.BACKEND, "external",
                  Keys.CASSANDRA_USER, "app",
                  Keys.CASSANDRA_PASSWORD, "old-secret"))
              .hostSettings();

      assertThat(
              load(Map.of(
                      Keys.BACKEND, "external",
                      Keys.CASSANDRA_USER, "app",
                      Keys.CASSANDRA_PASSWORD, "new-secret"))
                  .describeDifferences(other))
          .isEqualTo("testlanes.cassandra.password is *** here, *** there");
    }

    @Test
    void keysThatDecideNothingOnTheHostAreLeftOut() {
      Map<String, String> base = load(Map.of()).hostSettings();
      assertThat(
              load(Map.of(
                      Keys.WORKERS, "3",
                      Keys.RESET, "class",
                      Keys.SHARD, "1/2",
                      Keys.LEASE_TIMEOUT, "1m",
                      Keys.DOCKER_POSTGRES_IMAGE, "postgres:16",
                      Keys.REPORT, "false",
                      Keys.KEEP_ALIVE, "10m",
                      Keys.START_TIMEOUT, "30s"))
                  .hostSettings())
          .as("a warm host is shared whatever keepAlive and startTimeout say")
          .isEqualTo(base);
    }

    @Test
    void pathsAreAbsolute() {
      Map<String, String> m =
          load(Map.of(
                  Keys.CACHE_DIR, "target/cache",
                  Keys.DATA_DIR, tmp.toString(),
                  Keys.POSTGRES_BINARIES, "target",
                  Keys.REDIS_BINARY, "redis-server"))
              .hostSettings();
      assertThat(m.get(Keys.CACHE_DIR))
          .isEqualTo(Path.of("target/cache").toAbsolutePath().toString());
      assertThat(m.get(Keys.DATA_DIR)).isEqualTo(tmp.toString());
      assertThat(m.get(Keys.POSTGRES_BINARIES))
          .isEqualTo(Path.of("target").toAbsolutePath().toString());
      assertThat(m.get(Keys.REDIS_BINARY))
          .as("a command name run from the PATH")
          .isEqualTo("redis-server");
    }

    @Test
    void differencesNameEachKeyWithBothValuesAndMaskPasswords() {
      Settings external =
          load(
              Map.of(
                  Keys.BACKEND, "external",
                  Keys.POSTGRES_URL, "jdbc:postgresql://db/p?user=u&password=new",
                  Keys.REDIS_URL, "redis://:secret@cache:6379"));
      Map<String, String> warm = new LinkedHashMap<>(external.hostSettings());
      warm.put(Keys.POSTGRES_URL, "jdbc:postgresql://db/p?user=u&password=old");
      warm.put(Keys.REDIS_URL, "redis://user:other@cache:6379");
      warm.put(Keys.CASSANDRA_LOCAL_DATACENTER, "dc2");
      assertThat(external.describeDifferences(warm))
          .isEqualTo(
              "testlanes.postgres.url is jdbc:postgresql://db/p?user=u&password=*** here,"
                  + " jdbc:postgresql://db/p?user=u&password=*** there;"
                  + " testlanes.redis.url is redis://:***@cache:6379 here,"
                  + " redis://user:***@cache:6379 there;"
                  + " testlanes.cassandra.localDatacenter is datacenter1 here, dc2 there");
      assertThat(external.describeDifferences(external.hostSettings())).isEmpty();
    }

    @Test
    void aDifferentBackendShowsTheKeysEachSideUses() {
      Settings docker = load(Map.of(Keys.BACKEND, "docker"));
      assertThat(docker.describeDifferences(load(Map.of()).hostSettings()))
          .startsWith(
              "testlanes.backend is docker here, embedded there;"
                  + " testlanes.docker.postgresImage is postgres:17 here, not used there;")
          .contains("testlanes.cacheDir is not used here, not set there");
    }
  }

  @Nested
  class UnknownKeysFail {
    @Test
    void aMisspeltSystemProperty() {
      System.setProperty("testlanes.wrokers", "4");
      try {
        assertThatThrownBy(Settings::load)
            .isInstanceOfSatisfying(
                ConfigurationException.class,
                e -> {
                  assertThat(e.key()).isEqualTo("testlanes.wrokers");
                  assertThat(e.value()).isEqualTo("4");
                })
            .hasMessage(
                "Unknown configuration key 'testlanes.wrokers' (from system property"
                    + " -Dtestlanes.wrokers): did you mean testlanes.workers? Expected one of the"
                    + " keys listed in "
                    + KEYS
                    + ". Fix: rename it to testlanes.workers, or remove it.");
      } finally {
        System.clearProperty("testlanes.wrokers");
      }
    }

    @Test
    void aMisspeltEnvironmentVariable() {
      assertThatThrownBy(
              () ->
                  Settings.load(
                      List.of(ConfigSource.environment(Map.of("TESTLANES_WROKERS", "4")))))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Unknown configuration key 'TESTLANES_WROKERS' (from environment variable"
                  + " TESTLANES_WROKERS): did you mean TESTLANES_WORKERS (testlanes.workers)?"
                  + " Expected one of the keys listed in "
                  + KEYS
                  + ". Fix: rename it to TESTLANES_WORKERS, or remove it.");
    }

    @Test
    void aMisspeltJunitParameter() {
      assertThatThrownBy(
              () ->
                  Settings.load(
                      List.of(
                          ConfigSource.of(
                              "JUnit configuration parameter",
                              Map.of("testlanes.bakend", "docker")))))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Unknown configuration key 'testlanes.bakend' (from JUnit configuration parameter"
                  + " testlanes.bakend): did you mean testlanes.backend? Expected one of the keys"
                  + " listed in "
                  + KEYS
                  + ". Fix: rename it to testlanes.backend, or remove it.");
    }

    @Test
    void theWrongCaseIsATypoToo() {
      assertThatThrownBy(() -> load(Map.of("testlanes.keepalive", "10m")))
          .hasMessageStartingWith(
              "Unknown configuration key 'testlanes.keepalive' (from test parameter"
                  + " testlanes.keepalive): did you mean testlanes.keepAlive?");
    }

    @Test
    void aKeyCutShortOrRunOnSuggestsTheKeyItStartsOrEnds() {
      assertThatThrownBy(() -> load(Map.of("testlanes.timings", "t.json")))
          .hasMessageContaining("did you mean testlanes.timings.file?");
      assertThatThrownBy(() -> load(Map.of("testlanes.report.directory", "out")))
          .hasMessageContaining("did you mean testlanes.report.dir?");
    }

    @Test
    void aNameFarFromEveryKey() {
      assertThatThrownBy(() -> load(Map.of("testlanes.colour", "blue")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Unknown configuration key 'testlanes.colour' (from test parameter"
                  + " testlanes.colour): testlanes has no such key. Expected one of the keys"
                  + " listed in "
                  + KEYS
                  + ". Fix: correct its name, or remove it.");
    }

    @Test
    void severalAreNamedTogether() {
      assertThatThrownBy(
              () ->
                  Settings.load(
                      List.of(
                          ConfigSource.of("system property", Map.of("testlanes.wrokers", "4")),
                          ConfigSource.environment(Map.of("TESTLANES_COLOUR", "blue")))))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("testlanes.wrokers"))
          .hasMessage(
              "Unknown configuration keys 'testlanes.wrokers' (from system property"
                  + " testlanes.wrokers), did you mean testlanes.workers?; 'TESTLANES_COLOUR'"
                  + " (from environment variable TESTLANES_COLOUR), no such key. Expected only"
                  + " keys listed in "
                  + KEYS
                  + ". Fix: correct their names, or remove them.");
    }

    @Test
    void aSourceThatCannotListItsNamesIsNotChecked() {
      Settings s =
          Settings.load(
              List.of(
                  ConfigSource.of(
                      "lookup",
                      key -> key.equals(Keys.WORKERS) ? Optional.of("2") : Optional.empty())));
      assertThat(s.workers()).isEqualTo(2);
    }
  }

  @Nested
  class Failures {
    @Test
    void workersThatAreNotANumber() {
      assertThatThrownBy(() -> load(Map.of(Keys.WORKERS, "abc")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value 'abc' for testlanes.workers (from test parameter testlanes.workers):"
                  + " expected a whole number of parallel workers from 1 to 256. Fix: give a"
                  + " number, for example -Dtestlanes.workers=4.")
          .hasCauseInstanceOf(NumberFormatException.class)
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
            .hasMessageContaining("expected a whole number of parallel workers from 1 to 256");
      }
    }

    @Test
    void tooManyWorkers() {
      assertThat(load(Map.of(Keys.WORKERS, "256")).workers()).isEqualTo(256);
      assertThatThrownBy(() -> load(Map.of(Keys.WORKERS, "99999")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value '99999' for testlanes.workers (from test parameter"
                  + " testlanes.workers): expected a whole number of parallel workers from 1 to"
                  + " 256. Fix: give at most 256, for example -Dtestlanes.workers=4.");
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
      for (String bad :
          new String[] {"ten minutes", "10", "-5s", "P-1D", "99999999999999999999d", "PT-1S"}) {
        assertThatThrownBy(() -> load(Map.of(Keys.KEEP_ALIVE, bad)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage(
                "Invalid value '"
                    + bad
                    + "' for testlanes.keepAlive (from test parameter testlanes.keepAlive):"
                    + " expected a duration from 0 to 7d, such as 0, 500ms, 30s, 10m, 1h or"
                    + " PT10M. Fix: write a number followed by ms, s, m, h or d, for example"
                    + " -Dtestlanes.keepAlive=10m.");
      }
    }

    @Test
    void aKeepAliveLongerThanAWeek() {
      assertThat(load(Map.of(Keys.KEEP_ALIVE, "7d")).keepAlive()).isEqualTo(Duration.ofDays(7));
      assertThatThrownBy(() -> load(Map.of(Keys.KEEP_ALIVE, "8d")))
          .hasMessageEndingWith(
              "expected a duration from 0 to 7d, such as 0, 500ms, 30s, 10m, 1h or PT10M. Fix:"
                  + " give a duration in that range, such as 10m.");
    }

    @Test
    void aStartTimeoutOfZero() {
      assertThatThrownBy(() -> load(Map.of(Keys.START_TIMEOUT, "0")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value '0' for testlanes.startTimeout (from test parameter"
                  + " testlanes.startTimeout): expected a duration greater than 0 and at most 1h,"
                  + " such as 30s, 2m or PT2M. Fix: give a duration in that range, such as 2m.");
      assertThatThrownBy(() -> load(Map.of(Keys.START_TIMEOUT, "2h")))
          .hasMessageContaining("expected a duration greater than 0 and at most 1h");
    }

    @Test
    void aLeaseTimeoutOfZero() {
      assertThatThrownBy(() -> load(Map.of(Keys.LEASE_TIMEOUT, "0s")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value '0s' for testlanes.leaseTimeout (from test parameter"
                  + " testlanes.leaseTimeout): expected a duration greater than 0 and at most 24h,"
                  + " such as 30s, 10m or PT10M. Fix: give a duration in that range, such as 10m.");
    }

    @Test
    void aShardOutOfRange() {
      for (String bad : new String[] {"5/4", "0/4", "1-4", "a/b", "1/2000", "1/99999999999"}) {
        assertThatThrownBy(() -> load(Map.of(Keys.SHARD, bad)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage(
                "Invalid value '"
                    + bad
                    + "' for testlanes.shard (from test parameter testlanes.shard): expected i/n"
                    + " with 1 <= i <= n <= 1024, such as 2/4. Fix: give this node's shard number"
                    + " and the number of shards, for example -Dtestlanes.shard=1/4.");
      }
    }

    @Test
    void aCassandraHeapOutOfRange() {
      for (String bad : new String[] {"16m", "64g", "99999999999999999999g", "1t", "512"}) {
        assertThatThrownBy(() -> load(Map.of(Keys.CASSANDRA_HEAP, bad)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith(
                "Invalid value '"
                    + bad
                    + "' for testlanes.cassandra.heap (from test parameter"
                    + " testlanes.cassandra.heap): expected a memory size from 64m to 32g, such as"
                    + " 512m or 1g. Fix: ");
      }
      assertThat(load(Map.of(Keys.CASSANDRA_HEAP, "32g")).cassandraHeapMegabytes())
          .isEqualTo(32 * 1024);
    }

    @Test
    void aBadReportFlag() {
      assertThatThrownBy(() -> load(Map.of(Keys.REPORT, "maybe")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value 'maybe' for testlanes.report (from test parameter testlanes.report):"
                  + " expected true or false. Fix: write -Dtestlanes.report=false to turn the"
                  + " report off, or remove the key.");
    }

    @Test
    void aDockerImageThatIsNoImageName() {
      assertThatThrownBy(() -> load(Map.of(Keys.DOCKER_REDIS_IMAGE, "Redis 7")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value 'Redis 7' for testlanes.docker.redisImage (from test parameter"
                  + " testlanes.docker.redisImage): expected a Docker image name such as redis:7."
                  + " Fix: write it in that form, for example"
                  + " -Dtestlanes.docker.redisImage=redis:7.");
    }

    @Test
    void aCassandraVersionThatIsNoVersion() {
      assertThatThrownBy(() -> load(Map.of(Keys.CASSANDRA_VERSION, "latest")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value 'latest' for testlanes.cassandra.version (from test parameter"
                  + " testlanes.cassandra.version): expected a version number such as 5.0.6. Fix:"
                  + " write it in that form, for example -Dtestlanes.cassandra.version=5.0.6.");
    }
  }

  @Nested
  class PathFailures {
    private String dirError(String key, String value, String problem, String fix) {
      return "Invalid value '"
          + value
          + "' for "
          + key
          + " (from test parameter "
          + key
          + "): expected a writable directory, or one that can be created, but "
          + problem
          + ". Fix: "
          + fix
          + ".";
    }

    @Test
    void aCacheDirThatIsARegularFile() throws IOException {
      Path file = Files.writeString(tmp.resolve("cache"), "x");
      assertThatThrownBy(() -> load(Map.of(Keys.CACHE_DIR, file.toString())))
          .isInstanceOfSatisfying(
              ConfigurationException.class, e -> assertThat(e.key()).isEqualTo(Keys.CACHE_DIR))
          .hasMessage(
              dirError(
                  Keys.CACHE_DIR,
                  file.toString(),
                  file + " is not a directory",
                  "point it at such a directory, or remove the key to use the default"));
    }

    @Test
    void aDataDirBelowARegularFileCannotBeCreated() throws IOException {
      Path file = Files.writeString(tmp.resolve("file"), "x");
      Path below = file.resolve("data").resolve("more");
      assertThatThrownBy(() -> load(Map.of(Keys.DATA_DIR, below.toString())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              dirError(
                  Keys.DATA_DIR,
                  below.toString(),
                  below + " cannot be created: " + file + " is not a directory",
                  "point it at such a directory, or remove the key to use /dev/shm"));
    }

    @Test
    void anUnwritableDataDir() throws Exception {
      Path locked = Files.createDirectory(tmp.resolve("locked"));
      Path below = locked.resolve("data");
      readOnly(locked);
      try {
        assertThatThrownBy(() -> Files.createFile(locked.resolve("probe")))
            .as("the directory refuses new entries even to this user")
            .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> load(Map.of(Keys.DATA_DIR, locked.toString())))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage(
                dirError(
                    Keys.DATA_DIR,
                    locked.toString(),
                    locked + " is not writable",
                    "point it at such a directory, or remove the key to use /dev/shm"));
        assertThatThrownBy(() -> load(Map.of(Keys.DATA_DIR, below.toString())))
            .hasMessageContaining(below + " cannot be created: " + locked + " is not writable");
      } finally {
        writable(locked);
      }
    }

    @Test
    void aReportDirThatIsAFile() throws IOException {
      Path file = Files.writeString(tmp.resolve("report"), "x");
      assertThatThrownBy(() -> load(Map.of(Keys.REPORT_DIR, file.toString())))
          .hasMessage(
              dirError(
                  Keys.REPORT_DIR,
                  file.toString(),
                  file + " is not a directory",
                  "point it at such a directory, or remove the key to use target/testlanes"));
    }

    @Test
    void aTimingsFileThatIsADirectory() {
      assertThatThrownBy(() -> load(Map.of(Keys.TIMINGS_FILE, tmp.toString())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value '"
                  + tmp
                  + "' for testlanes.timings.file (from test parameter testlanes.timings.file):"
                  + " expected a writable file, or one that can be created, but "
                  + tmp
                  + " is a directory. Fix: point it at a file in a writable directory, such as"
                  + " target/testlanes/timings.json.");
    }

    @Test
    void aMissingJavaHomeForCassandra() {
      assertThatThrownBy(() -> load(Map.of(Keys.CASSANDRA_JAVA_HOME, "/no/such/jdk")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value '/no/such/jdk' for testlanes.cassandra.javaHome (from test parameter"
                  + " testlanes.cassandra.javaHome): expected a Java installation with bin/java,"
                  + " but /no/such/jdk does not exist. Fix: point it at a Java 17 home"
                  + " such as /usr/lib/jvm/java-17-openjdk-amd64, or remove the key to let"
                  + " testlanes find one.");
      assertThatThrownBy(() -> load(Map.of(Keys.CASSANDRA_JAVA_HOME, tmp.toString())))
          .hasMessageContaining(
              "but " + tmp.resolve("bin/java") + " is not an executable file. Fix:");
    }

    @Test
    void aJavaHomeThatIsOne() {
      Path home = Path.of(System.getProperty("java.home"));
      assertThat(load(Map.of(Keys.CASSANDRA_JAVA_HOME, home.toString())).cassandraJavaHome())
          .contains(home);
    }

    @Test
    void postgresBinariesThatAreNoDirectory() {
      assertThatThrownBy(() -> load(Map.of(Keys.POSTGRES_BINARIES, "/no/such/bin")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value '/no/such/bin' for testlanes.postgres.binaries (from test parameter"
                  + " testlanes.postgres.binaries): expected maven or a directory of Postgres"
                  + " binaries, but /no/such/bin does not exist. Fix: point it at the directory"
                  + " that holds initdb and postgres, such as /usr/lib/postgresql/15/bin, or"
                  + " remove the key to use the Maven artifact's.");
      assertThat(load(Map.of(Keys.POSTGRES_BINARIES, "MAVEN")).postgresBinaries())
          .isEqualTo(Settings.FROM_MAVEN);
    }

    @Test
    void aRedisBinaryThatCannotBeRun() throws IOException {
      Path notExecutable = Files.writeString(tmp.resolve("redis-server"), "#!/bin/sh\n");
      Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
      assertThatThrownBy(() -> load(Map.of(Keys.REDIS_BINARY, notExecutable.toString())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value '"
                  + notExecutable
                  + "' for testlanes.redis.binary (from test parameter testlanes.redis.binary):"
                  + " expected maven, a command name or the path of an executable redis-server,"
                  + " but "
                  + notExecutable
                  + " is not executable. Fix: point it at redis-server, such as"
                  + " /usr/bin/redis-server, or remove the key to use the Maven artifact's.");
      assertThat(load(Map.of(Keys.REDIS_BINARY, "redis-server")).redisBinary())
          .as("a command name is looked up on the PATH when Redis starts")
          .isEqualTo("redis-server");
    }
  }

  /**
   * Makes {@code dir} refuse new entries to this process. As root, whom permissions do not stop,
   * the immutable attribute does ({@code chattr +i}, which root may set); else mode 555.
   */
  private static void readOnly(Path dir) throws Exception {
    if (isRoot()) {
      Process p =
          new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assumeTrue(p.exitValue() == 0, "chattr +i is not permitted here: " + out);
    } else {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
  }

  private static void writable(Path dir) throws Exception {
    if (isRoot()) {
      Process p = new ProcessBuilder("chattr", "-i", dir.toString()).inheritIO().start();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } else {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static boolean isRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }
}

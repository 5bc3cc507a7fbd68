package io.testlanes.internal.backend.embedded;

import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.LOOPBACK_HEX;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.context;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.listeningAddresses;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.processGroup;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.processesMentioning;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.running;
import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceEndpoint;
import io.testlanes.internal.backend.ServiceStartException;
import io.testlanes.internal.process.Privileges;
import io.testlanes.internal.process.Watchdog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

class EmbeddedRedisTest {
  private Watchdog watchdog;
  private Path dataRoot;

  @BeforeEach
  void setUp() throws Exception {
    watchdog = Watchdog.start();
    dataRoot = EmbeddedServerFixtures.newDataRoot();
  }

  @AfterEach
  void tearDown() throws Exception {
    watchdog.close();
    EmbeddedServerFixtures.deleteTree(dataRoot);
  }

  @Test
  void startsWithoutPersistenceOnLoopbackWithAPasswordAndLeavesNothingOnClose() throws Exception {
    RunningService started =
        new EmbeddedRedis().start(context(settings(Map.of()), dataRoot, watchdog, 20));
    EmbeddedServer server = (EmbeddedServer) started.handle();
    long pid = server.pid();
    Path dir = server.directory();
    try {
      ServiceEndpoint e = started.endpoint();
      assertThat(e.service()).isEqualTo(Service.REDIS);
      assertThat(e.host()).isEqualTo("127.0.0.1");
      assertThat(e.password()).hasSize(32);
      assertThat(e.attribute(ServiceEndpoint.DATABASES)).contains("21"); // 20 lanes + 1
      assertThat(started.readyTime()).isPositive();
      assertThat(dir).startsWith(dataRoot);

      try (Jedis anonymous = new Jedis(e.host(), e.port())) {
        assertThatThrownBy(anonymous::ping)
            .isInstanceOf(JedisDataException.class)
            .hasMessageContaining("NOAUTH");
      }
      try (Jedis jedis = new Jedis(e.host(), e.port())) {
        jedis.auth(e.password());
        assertThat(jedis.configGet("save")).containsEntry("save", "");
        assertThat(jedis.configGet("appendonly")).containsEntry("appendonly", "no");
        assertThat(jedis.configGet("databases")).containsEntry("databases", "21");
        assertThat(jedis.configGet("protected-mode")).containsEntry("protected-mode", "yes");
        assertThat(jedis.configGet("dir")).containsEntry("dir", dir.toString());
        jedis.select(20);
        jedis.set("k", "v");
        assertThat(jedis.get("k")).isEqualTo("v");
      }
      assertThat(listeningAddresses(e.port())).isNotEmpty().containsOnly(LOOPBACK_HEX);
    } finally {
      server.close();
    }
    assertThat(running(pid)).isFalse();
    assertThat(processGroup(pid)).isEmpty();
    assertThat(processesMentioning(dir.toString())).isEmpty();
    assertThat(dir).doesNotExist();
    server.close();
  }

  @Test
  void itsPasswordIsInNeitherItsCommandLineNorItsEnvironment() throws Exception {
    try (RunningService started =
        new EmbeddedRedis().start(context(settings(Map.of()), dataRoot, watchdog, 2))) {
      EmbeddedServer server = (EmbeddedServer) started.handle();
      String password = started.endpoint().password();

      assertThat(EmbeddedServerFixtures.commandLine(server.pid())).doesNotContain(password);
      assertThat(EmbeddedServerFixtures.environment(server.pid()))
          .allMatch(v -> v.matches("(PATH|LANG|TZ)=.*"));
    }
  }

  @Test
  void asRootItRunsUnprivilegedAndOnlyThatUserReadsItsConfiguration() throws Exception {
    assumeTrue(Privileges.isRoot(), "only root hands Redis to another user");
    String user = Privileges.serviceUser().orElseThrow();
    try (RunningService started =
        new EmbeddedRedis().start(context(settings(Map.of()), dataRoot, watchdog, 2))) {
      EmbeddedServer server = (EmbeddedServer) started.handle();
      Path config = server.directory().resolve("redis.conf");

      assertThat(EmbeddedServerFixtures.userOf(server.pid())).isEqualTo(user);
      assertThat(Files.getOwner(server.directory()).getName()).isEqualTo(user);
      assertThat(EmbeddedServerFixtures.mode(server.directory())).isEqualTo("rwx------");
      assertThat(EmbeddedServerFixtures.mode(config)).isEqualTo("rw-------");
      assertThat(Files.readString(config)).contains("requirepass " + started.endpoint().password());
      assertThat(EmbeddedServerFixtures.readableAsNobody(config)).isFalse();
    }
  }

  @Test
  void hasAtLeastSixteenDatabases() throws Exception {
    try (var started =
        new EmbeddedRedis().start(context(settings(Map.of()), dataRoot, watchdog, 2))) {
      assertThat(started.endpoint().attribute(ServiceEndpoint.DATABASES)).contains("16");
    }
  }

  @Test
  void aTakenPortFailsClearlyAndLeavesNothingBehind() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  new EmbeddedRedis()
                      .start(context(settings(Map.of()), dataRoot, watchdog, 8), port))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageContaining("port 127.0.0.1:" + port + " is already in use")
          .hasMessageContaining("Address already in use");
    }
    assertThat(processesMentioning(dataRoot.toString())).isEmpty();
    try (Stream<Path> left = Files.list(dataRoot)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aMissingBinaryIsAConfigurationErrorNamingTheKey() throws Exception {
    assertThatThrownBy(
            () ->
                new EmbeddedRedis()
                    .start(
                        context(
                            settings(Map.of(Keys.REDIS_BINARY, "/nonexistent/redis-server")),
                            dataRoot,
                            watchdog,
                            8)))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.key()).isEqualTo(Keys.REDIS_BINARY))
        .hasMessageContaining("/nonexistent/redis-server does not exist")
        .hasMessageContaining("Fix:");
    try (Stream<Path> left = Files.list(dataRoot)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void concurrentFirstUsesCopyTheBinaryOnce(@TempDir Path cache) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Callable<Path> resolve = () -> RedisBinary.resolve(settings(Map.of()), cache);
        results.add(pool.submit(resolve));
      }
      Path first = results.get(0).get();
      for (Future<Path> f : results) {
        assertThat(f.get()).isEqualTo(first);
      }
      assertThat(first).isExecutable().startsWith(cache);
      String entry = cache.relativize(first).getName(0).toString();
      try (Stream<Path> entries = Files.list(cache)) {
        // one entry and its lock file; no temporary directories left
        assertThat(entries.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(entry, "." + entry + ".lock");
      }
      Process version = new ProcessBuilder(first.toString(), "--version").start();
      assertThat(new String(version.getInputStream().readAllBytes())).contains("Redis server v=");
      assertThat(version.waitFor()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.testlanes.internal.backend.embedded;

import static io.testlanes.internal.backend.embedded.EmbeddedServerFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.testlanes.config.Keys;
import io.testlanes.internal.process.Privileges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDirsTest {

  @Test
  void anExplicitCacheDirWins(@TempDir Path temp) {
    assertThat(CacheDirs.defaultCacheDir(settings(Map.of(Keys.CACHE_DIR, temp.toString()))))
        .isEqualTo(temp);
  }

  @Test
  void rootDefaultsToAPlaceOtherUsersCanRead() {
    Path dir = CacheDirs.defaultCacheDir(settings(Map.of()));
    if (Privileges.isRoot()) {
      assertThat(dir).isEqualTo(Path.of("/var/cache/testlanes"));
    } else {
      assertThat(dir.toString()).endsWith("testlanes");
    }
  }

  @Test
  void fillsAnEntryOnceAndNotAfterAFailure(@TempDir Path temp) throws Exception {
    Path entry = temp.resolve("thing-1.0");
    assertThatThrownBy(
            () ->
                CacheDirs.fillOnce(
                    entry,
                    dir -> {
                      Files.writeString(dir.resolve("half"), "x");
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(entry).doesNotExist();
    try (var left = Files.list(temp)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsOnly(".thing-1.0.lock");
    }

    AtomicInteger fills = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      CacheDirs.fillOnce(
          entry,
          dir -> {
            fills.incrementAndGet();
            Files.writeString(dir.resolve("file"), "content");
          });
    }
    assertThat(fills).hasValue(1);
    assertThat(entry.resolve("file")).hasContent("content");
  }
}

package io.testlanes.examples.shop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.support.MutableClock;
import io.testlanes.junit.TestLanes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class ProductViewsTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 27);

  MutableClock clock;
  ProductViews views;

  @BeforeEach
  void setUp(CqlSession cassandra) {
    clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
    views = new ProductViews(cassandra, clock);
  }

  @Test
  void countsTheViewsOfADay() {
    views.record("MUG-01", 1);
    views.record("MUG-01", 2);
    views.record("MUG-01", 1);

    assertThat(views.viewsOn("MUG-01", DAY)).isEqualTo(3);
    assertThat(views.viewsToday("MUG-01")).isEqualTo(3);
  }

  @Test
  void viewersAreDistinct() {
    views.record("MUG-01", 1);
    views.record("MUG-01", 2);
    views.record("MUG-01", 1);

    assertThat(views.viewers("MUG-01", DAY, 100)).containsExactly(1L, 2L);
  }

  @Test
  void recentViewersAreNewestFirst() {
    views.record("TEE-M", 3);
    views.record("TEE-M", 1);
    views.record("TEE-M", 2);

    assertThat(views.recentViewers("TEE-M", 2)).containsExactly(2L, 1L);
  }

  @Test
  void eachDayIsCountedOnItsOwn() {
    views.record("CAP-01", 1);
    clock.advance(Duration.ofDays(1));
    views.record("CAP-01", 1);
    views.record("CAP-01", 2);

    assertThat(views.viewsOn("CAP-01", DAY)).isEqualTo(1);
    assertThat(views.viewsOn("CAP-01", DAY.plusDays(1))).isEqualTo(2);
  }

  @Test
  void productsAreCountedSeparately() {
    views.record("MUG-01", 1);
    views.record("TEE-M", 1);

    assertThat(views.viewsOn("MUG-01", DAY)).isEqualTo(1);
    assertThat(views.viewsOn("POSTER-A2", DAY)).isZero();
  }
}

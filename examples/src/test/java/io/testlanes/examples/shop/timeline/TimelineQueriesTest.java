package io.testlanes.examples.shop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.junit.TestLanes;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class TimelineQueriesTest {
  OrderTimeline timeline;

  @BeforeEach
  void setUp(CqlSession cassandra) {
    timeline = new OrderTimeline(cassandra);
    for (int i = 1; i <= 5; i++) {
      timeline.append(7, EventType.NOTE, "note " + i);
    }
  }

  @Test
  void latestReturnsTheNewestN() {
    assertThat(timeline.latest(7, 2))
        .extracting(OrderEvent::detail)
        .containsExactly("note 5", "note 4");
  }

  @Test
  void sinceReturnsOnlyLaterEvents() throws InterruptedException {
    Thread.sleep(5);
    Instant mark = Instant.now();
    Thread.sleep(5);
    timeline.append(7, EventType.SHIPPED, "TRACK-1");

    assertThat(timeline.since(7, mark))
        .extracting(OrderEvent::type)
        .containsExactly(EventType.SHIPPED);
  }

  @Test
  void theOrderHasFiveNotes() {
    assertThat(timeline.count(7)).isEqualTo(5);
    assertThat(timeline.history(7)).allMatch(e -> e.type() == EventType.NOTE);
  }

  @Test
  void eventTimesFollowTheirOrder() {
    assertThat(timeline.chronological(7))
        .extracting(OrderEvent::at)
        .isSortedAccordingTo(Instant::compareTo);
  }
}

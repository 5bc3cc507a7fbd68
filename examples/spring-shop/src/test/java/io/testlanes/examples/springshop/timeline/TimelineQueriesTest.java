package io.testlanes.examples.springshop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimelineQueriesTest extends ShopTest {
  @Test
  void eventsOfOneOrderOnly() {
    timeline.record(1, "PLACED");
    timeline.record(2, "PLACED");
    work();
    assertThat(timeline.events(1)).containsExactly("PLACED");
  }

  @Nested
  class Empty {
    @Test
    void noEventsAtAll() {
      work();
      assertThat(timeline.allEvents()).isZero();
    }
  }
}

package io.testlanes.examples.springshop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.examples.springshop.support.ShopTest;
import org.junit.jupiter.api.Test;

class TimelineBulkTest extends ShopTest {
  @Test
  void fiftyEventsOfOrderSeven() {
    for (int i = 0; i < 50; i++) {
      timeline.record(7, "NOTE");
    }
    work();
    assertThat(timeline.events(7)).hasSize(50);
    assertThat(timeline.allEvents()).isEqualTo(50);
  }
}

package io.testlanes.examples.shop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.junit.TestLanes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A slow class: busy orders with thousands of tracking events. */
@TestLanes
class TimelineBulkTest {
  static final int EVENTS = 1500;

  CqlSession cassandra;
  OrderTimeline timeline;

  @BeforeEach
  void setUp(CqlSession cassandra) {
    this.cassandra = cassandra;
    this.timeline = new OrderTimeline(cassandra);
  }

  void track(long orderId, int events) {
    for (int i = 1; i <= events; i++) {
      timeline.append(orderId, EventType.NOTE, "scan " + i);
    }
  }

  @Test
  void everyTrackingEventIsKept() {
    track(1, EVENTS);

    assertThat(timeline.count(1)).isEqualTo(EVENTS);
    assertThat(timeline.history(1)).hasSize(EVENTS);
  }

  @Test
  void theNewestScanComesFirst() {
    track(1, EVENTS);

    assertThat(timeline.latest(1, 3))
        .extracting(OrderEvent::detail)
        .containsExactly("scan " + EVENTS, "scan " + (EVENTS - 1), "scan " + (EVENTS - 2));
  }

  @Test
  void theTableHoldsTwoBusyOrders() {
    track(1, EVENTS / 2);
    track(2, EVENTS / 2);

    long rows = Cql.count(cassandra, "order_events");
    assertThat(rows).isEqualTo(EVENTS);
  }
}

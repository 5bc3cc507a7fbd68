package io.testlanes.examples.shop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.junit.TestLanes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class OrderTimelineTest {
  CqlSession cassandra;
  OrderTimeline timeline;

  @BeforeEach
  void setUp(CqlSession cassandra) {
    this.cassandra = cassandra;
    this.timeline = new OrderTimeline(cassandra);
  }

  @Test
  void theTimelineHasExactlyThreeEvents() {
    timeline.append(1, EventType.PLACED, "2 item(s)");
    timeline.append(1, EventType.PAYMENT_REQUESTED, "4500 cents");
    timeline.append(1, EventType.PAID, "pay-1");

    assertThat(timeline.history(1)).hasSize(3);
    assertThat(timeline.count(1)).isEqualTo(3);
  }

  @Test
  void historyIsNewestFirst() {
    timeline.append(1, EventType.PLACED, "");
    timeline.append(1, EventType.PAID, "");
    timeline.append(1, EventType.SHIPPED, "");

    assertThat(timeline.history(1))
        .extracting(OrderEvent::type)
        .containsExactly(EventType.SHIPPED, EventType.PAID, EventType.PLACED);
  }

  @Test
  void chronologicalIsOldestFirst() {
    timeline.append(2, EventType.PLACED, "");
    timeline.append(2, EventType.CANCELLED, "changed my mind");

    assertThat(timeline.chronological(2))
        .extracting(OrderEvent::type, OrderEvent::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EventType.PLACED, ""),
            org.assertj.core.groups.Tuple.tuple(EventType.CANCELLED, "changed my mind"));
  }

  @Test
  void lastIsTheNewestEvent() {
    timeline.append(3, EventType.PLACED, "");
    timeline.append(3, EventType.PAID, "pay-3");

    assertThat(timeline.last(3)).get().extracting(OrderEvent::detail).isEqualTo("pay-3");
  }

  @Test
  void ordersHaveSeparateTimelines() {
    timeline.append(1, EventType.PLACED, "");
    timeline.append(2, EventType.PLACED, "");
    timeline.append(2, EventType.PAID, "");

    assertThat(timeline.count(1)).isEqualTo(1);
    assertThat(timeline.count(2)).isEqualTo(2);
  }

  @Test
  void anOrderWithoutEventsHasAnEmptyTimeline() {
    assertThat(timeline.history(404)).isEmpty();
    assertThat(timeline.last(404)).isEmpty();
    assertThat(timeline.count(404)).isZero();
  }

  @Test
  void theTableHoldsOnlyThisTestsEvents() {
    timeline.append(1, EventType.PLACED, "");
    timeline.append(2, EventType.PLACED, "");

    long rows = Cql.count(cassandra, "order_events");
    assertThat(rows).isEqualTo(2);
  }
}

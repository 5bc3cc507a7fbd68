package io.testlanes.examples.shop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.junit.TestLanes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class CustomerActivityTest {
  CustomerActivity activity;

  @BeforeEach
  void setUp(CqlSession cassandra) {
    activity = new CustomerActivity(cassandra);
  }

  @Test
  void recordsActivityNewestFirst() {
    activity.record(42, "SIGNED_IN", "session");
    activity.record(42, "CART_ADD", "MUG-01 x1");
    activity.record(42, "ORDER_PLACED", "order 1");

    assertThat(activity.recent(42, 10))
        .extracting(Activity::kind)
        .containsExactly("ORDER_PLACED", "CART_ADD", "SIGNED_IN");
  }

  @Test
  void recentIsLimited() {
    for (int i = 0; i < 8; i++) {
      activity.record(42, "CART_ADD", "POSTER-A2 x" + (i + 1));
    }

    assertThat(activity.recent(42, 3))
        .extracting(Activity::reference)
        .containsExactly("POSTER-A2 x8", "POSTER-A2 x7", "POSTER-A2 x6");
    assertThat(activity.count(42)).isEqualTo(8);
  }

  @Test
  void customersHaveTheirOwnFeeds() {
    activity.record(42, "SIGNED_IN", "session");
    activity.record(7, "SIGNED_IN", "session");
    activity.record(7, "CART_ADD", "CAP-01 x1");

    assertThat(activity.count(42)).isEqualTo(1);
    assertThat(activity.count(7)).isEqualTo(2);
  }

  @Test
  void aNewCustomerHasNoActivity() {
    assertThat(activity.recent(1001, 10)).isEmpty();
    assertThat(activity.count(1001)).isZero();
  }
}

package io.testlanes.examples.shop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.testlanes.examples.shop.support.Cql;
import io.testlanes.junit.TestLanes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestLanes
class CustomerCountersTest {
  CqlSession cassandra;
  CustomerActivity activity;

  @BeforeEach
  void setUp(CqlSession cassandra) {
    this.cassandra = cassandra;
    this.activity = new CustomerActivity(cassandra);
  }

  @Test
  void aCustomerWithoutOrdersHasZeroTotals() {
    assertThat(activity.stats(42)).isEqualTo(CustomerStats.NONE);
  }

  @Test
  void ordersAddUp() {
    activity.countOrder(42, 2, 4500);
    activity.countOrder(42, 1, 1200);

    assertThat(activity.stats(42)).isEqualTo(new CustomerStats(2, 3, 5700, 0));
  }

  @Test
  void aCancellationTakesTheMoneyBack() {
    activity.countOrder(42, 2, 4500);
    activity.countOrder(42, 1, 1200);

    activity.countCancellation(42, 1200);

    assertThat(activity.stats(42)).isEqualTo(new CustomerStats(2, 3, 4500, 1));
  }

  @Test
  void countersArePerCustomer() {
    activity.countOrder(42, 1, 100);
    activity.countOrder(7, 5, 500);

    assertThat(activity.stats(42).orders()).isEqualTo(1);
    assertThat(activity.stats(7).items()).isEqualTo(5);
    long rows = Cql.count(cassandra, "customer_counters");
    assertThat(rows).isEqualTo(2);
  }

  @Test
  void manyIncrementsAreAllCounted() {
    for (int i = 0; i < 100; i++) {
      activity.countOrder(42, 1, 10);
    }

    assertThat(activity.stats(42)).isEqualTo(new CustomerStats(100, 100, 1000, 0));
  }
}

package io.testlanes.examples.shop.timeline;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customer's activity feed ({@code customer_activity}, newest first) and running totals ({@code
 * customer_counters}, Cassandra counters).
 */
public final class CustomerActivity {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement recent;
  private final PreparedStatement count;
  private final PreparedStatement addOrder;
  private final PreparedStatement addCancellation;
  private final PreparedStatement stats;
  private final PreparedStatement labels;

  public CustomerActivity(CqlSession session) {
    this.session = session;
    this.insert =
        session.prepare(
            "INSERT INTO customer_activity (customer_id, event_id, kind, reference)"
                + " VALUES (?, ?, ?, ?)");
    this.recent =
        session.prepare(
            "SELECT event_id, kind, reference FROM customer_activity WHERE customer_id = ? LIMIT ?");
    this.count = session.prepare("SELECT count(*) FROM customer_activity WHERE customer_id = ?");
    this.addOrder =
        session.prepare(
            "UPDATE customer_counters SET orders = orders + 1, items = items + ?,"
                + " cents_spent = cents_spent + ? WHERE customer_id = ?");
    this.addCancellation =
        session.prepare(
            "UPDATE customer_counters SET cancellations = cancellations + 1,"
                + " cents_spent = cents_spent - ? WHERE customer_id = ?");
    this.stats =
        session.prepare(
            "SELECT orders, items, cents_spent, cancellations FROM customer_counters"
                + " WHERE customer_id = ?");
    this.labels = session.prepare("SELECT kind, label FROM activity_labels");
  }

  /** Records that the customer did something, e.g. {@code ("ORDER_PLACED", "order 12")}. */
  public Activity record(long customerId, String kind, String reference) {
    UUID id = Uuids.timeBased();
    session.execute(insert.bind(customerId, id, kind, reference));
    return new Activity(customerId, Instant.ofEpochMilli(Uuids.unixTimestamp(id)), kind, reference);
  }

  /** The customer's {@code limit} most recent activities, newest first. */
  public List<Activity> recent(long customerId, int limit) {
    List<Activity> out = new ArrayList<>();
    for (Row r : session.execute(recent.bind(customerId, limit))) {
      UUID id = r.getUuid(0);
      if (id == null) {
        continue;
      }
      out.add(
          new Activity(
              customerId,
              Instant.ofEpochMilli(Uuids.unixTimestamp(id)),
              String.valueOf(r.getString(1)),
              String.valueOf(r.getString(2))));
    }
    return out;
  }

  /**
   * The customer's {@code limit} most recent activities as the feed shows them, newest first: the
   * label of each kind (reference rows of {@code activity_labels}), then its reference, such as
   * {@code Placed an order: order 12}. A kind without a label shows as itself.
   */
  public List<String> feed(long customerId, int limit) {
    Map<String, String> byKind = new HashMap<>();
    for (Row r : session.execute(labels.bind())) {
      byKind.put(String.valueOf(r.getString(0)), String.valueOf(r.getString(1)));
    }
    List<String> out = new ArrayList<>();
    for (Activity a : recent(customerId, limit)) {
      out.add(byKind.getOrDefault(a.kind(), a.kind()) + ": " + a.reference());
    }
    return out;
  }

  /** How many activities the customer has. */
  public long count(long customerId) {
    Row r = session.execute(count.bind(customerId)).one();
    return r == null ? 0 : r.getLong(0);
  }

  /** Adds an order to the customer's totals. */
  public void countOrder(long customerId, int items, long cents) {
    session.execute(addOrder.bind((long) items, cents, customerId));
  }

  /** Adds a cancellation to the customer's totals and takes its money off the amount spent. */
  public void countCancellation(long customerId, long cents) {
    session.execute(addCancellation.bind(cents, customerId));
  }

  /** The customer's totals; all zero if nothing was counted. */
  public CustomerStats stats(long customerId) {
    Row r = session.execute(stats.bind(customerId)).one();
    if (r == null) {
      return CustomerStats.NONE;
    }
    return new CustomerStats(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3));
  }
}

package io.testlanes.examples.shop.timeline;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything that happened to each order, in the table {@code order_events}: one partition per
 * order, newest event first.
 */
public final class OrderTimeline {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement selectAll;
  private final PreparedStatement selectLatest;
  private final PreparedStatement selectSince;
  private final PreparedStatement count;

  public OrderTimeline(CqlSession session) {
    this.session = session;
    this.insert =
        session.prepare(
            "INSERT INTO order_events (order_id, event_id, type, detail) VALUES (?, ?, ?, ?)");
    this.selectAll =
        session.prepare(
            "SELECT order_id, event_id, type, detail FROM order_events WHERE order_id = ?");
    this.selectLatest =
        session.prepare(
            "SELECT order_id, event_id, type, detail FROM order_events WHERE order_id = ? LIMIT ?");
    this.selectSince =
        session.prepare(
            "SELECT order_id, event_id, type, detail FROM order_events"
                + " WHERE order_id = ? AND event_id > maxTimeuuid(?)");
    this.count = session.prepare("SELECT count(*) FROM order_events WHERE order_id = ?");
  }

  /** Appends an event now. */
  public OrderEvent append(long orderId, EventType type, String detail) {
    UUID id = Uuids.timeBased();
    session.execute(insert.bind(orderId, id, type.name(), detail));
    return new OrderEvent(orderId, id, Instant.ofEpochMilli(Uuids.unixTimestamp(id)), type, detail);
  }

  /** The order's events, newest first. */
  public List<OrderEvent> history(long orderId) {
    List<OrderEvent> events = new ArrayList<>();
    for (Row r : session.execute(selectAll.bind(orderId))) {
      events.add(map(r));
    }
    return events;
  }

  /** The order's events, oldest first. */
  public List<OrderEvent> chronological(long orderId) {
    List<OrderEvent> events = history(orderId);
    Collections.reverse(events);
    return events;
  }

  /** The order's {@code n} newest events. */
  public List<OrderEvent> latest(long orderId, int n) {
    List<OrderEvent> events = new ArrayList<>();
    for (Row r : session.execute(selectLatest.bind(orderId, n))) {
      events.add(map(r));
    }
    return events;
  }

  /** The order's newest event. */
  public Optional<OrderEvent> last(long orderId) {
    return latest(orderId, 1).stream().findFirst();
  }

  /** Events after {@code since}, newest first. */
  public List<OrderEvent> since(long orderId, Instant since) {
    List<OrderEvent> events = new ArrayList<>();
    for (Row r : session.execute(selectSince.bind(orderId, since))) {
      events.add(map(r));
    }
    return events;
  }

  /** How many events the order has. */
  public long count(long orderId) {
    Row r = session.execute(count.bind(orderId)).one();
    return r == null ? 0 : r.getLong(0);
  }

  private static OrderEvent map(Row r) {
    UUID id = r.getUuid("event_id");
    String type = r.getString("type");
    String detail = r.getString("detail");
    if (id == null || type == null) {
      throw new IllegalStateException("an order_events row without event_id or type: " + r);
    }
    return new OrderEvent(
        r.getLong("order_id"),
        id,
        Instant.ofEpochMilli(Uuids.unixTimestamp(id)),
        EventType.valueOf(type),
        detail == null ? "" : detail);
  }
}

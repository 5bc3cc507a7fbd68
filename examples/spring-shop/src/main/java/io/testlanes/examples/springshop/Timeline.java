package io.testlanes.examples.springshop;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import org.springframework.stereotype.Repository;

/** Each order's events, in Cassandra. */
@Repository
public class Timeline {
  private final CqlSession cassandra;

  public Timeline(CqlSession cassandra) {
    this.cassandra = cassandra;
  }

  public void record(long orderId, String kind) {
    cassandra.execute(
        cassandra
            .prepare("INSERT INTO order_events (order_id, at, kind) VALUES (?, now(), ?)")
            .bind(orderId, kind));
  }

  public List<String> events(long orderId) {
    return cassandra
        .execute(
            cassandra.prepare("SELECT kind FROM order_events WHERE order_id = ?").bind(orderId))
        .all()
        .stream()
        .map((Row r) -> r.getString(0))
        .toList();
  }

  /** Every event of every order. */
  public long allEvents() {
    Row r = cassandra.execute("SELECT count(*) FROM order_events").one();
    return r == null ? 0 : r.getLong(0);
  }
}

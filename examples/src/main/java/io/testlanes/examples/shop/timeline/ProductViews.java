package io.testlanes.examples.shop.timeline;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who looked at which product on which day ({@code product_views}, one partition per SKU and day).
 */
public final class ProductViews {
  private final CqlSession session;
  private final Clock clock;
  private final PreparedStatement insert;
  private final PreparedStatement viewers;
  private final PreparedStatement count;

  public ProductViews(CqlSession session, Clock clock) {
    this.session = session;
    this.clock = clock;
    this.insert =
        session.prepare(
            "INSERT INTO product_views (sku, day, viewed_at, customer_id) VALUES (?, ?, ?, ?)");
    this.viewers =
        session.prepare("SELECT customer_id FROM product_views WHERE sku = ? AND day = ? LIMIT ?");
    this.count = session.prepare("SELECT count(*) FROM product_views WHERE sku = ? AND day = ?");
  }

  /** Records that a customer looked at a product now. */
  public void record(String sku, long customerId) {
    session.execute(insert.bind(sku, today(), Uuids.timeBased(), customerId));
  }

  /** How often a product was looked at on a day. */
  public long viewsOn(String sku, LocalDate day) {
    Row r = session.execute(count.bind(sku, day)).one();
    return r == null ? 0 : r.getLong(0);
  }

  /** Views today. */
  public long viewsToday(String sku) {
    return viewsOn(sku, today());
  }

  /** The customers who looked at a product on a day, over its last {@code limit} views. */
  public Set<Long> viewers(String sku, LocalDate day, int limit) {
    Set<Long> ids = new TreeSet<>();
    for (Row r : session.execute(viewers.bind(sku, day, limit))) {
      ids.add(r.getLong(0));
    }
    return ids;
  }

  /** The customer ids of the last {@code limit} views today, newest first (with repeats). */
  public List<Long> recentViewers(String sku, int limit) {
    List<Long> ids = new ArrayList<>();
    for (Row r : session.execute(viewers.bind(sku, today(), limit))) {
      ids.add(r.getLong(0));
    }
    return ids;
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}

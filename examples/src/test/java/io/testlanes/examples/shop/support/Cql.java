package io.testlanes.examples.shop.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

/** CQL for assertions. */
public final class Cql {
  private Cql() {}

  /** Rows in a table of the session's keyspace. */
  public static long count(CqlSession cassandra, String table) {
    Row r = cassandra.execute("SELECT count(*) FROM " + table).one();
    if (r == null) {
      throw new AssertionError("no row from SELECT count(*) FROM " + table);
    }
    return r.getLong(0);
  }
}

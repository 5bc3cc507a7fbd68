package io.testlanes.internal.backend;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Postgres's readiness round trip; needs the PostgreSQL JDBC driver. */
final class PostgresRoundTrip {
  private PostgresRoundTrip() {}

  /** {@code SELECT 1} over JDBC. */
  static void selectOne(ServiceEndpoint e) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", e.user());
    p.setProperty("password", e.password());
    p.setProperty("connectTimeout", "5");
    p.setProperty("loginTimeout", "5");
    String url = e.jdbcUrl(e.attribute(ServiceEndpoint.DATABASE).orElse("postgres"));
    try (Connection c = DriverManager.getConnection(url, p);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      if (!rs.next() || rs.getInt(1) != 1) {
        throw new SQLException("SELECT 1 returned no 1");
      }
    }
  }
}

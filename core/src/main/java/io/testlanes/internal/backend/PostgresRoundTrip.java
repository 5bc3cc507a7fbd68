package io.testlanes.internal.backend;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Postgres's readiness round trip; needs the PostgreSQL JDBC driver. */
final class PostgresRoundTrip {
  private PostgresRoundTrip() {}

  /**
   * What a failure says: {@code 57P03} ("the database system is starting up") is not ready yet;
   * {@code 28P01}, {@code 28000} and {@code 08004} (wrong password, no such role or no {@code
   * pg_hba.conf} entry, no password given) are rejected credentials; anything else, such as a
   * refused connection, is unreachable.
   */
  static RoundTripException.Kind kind(Exception failure) {
    for (Throwable t : RoundTrips.chain(failure)) {
      if (t instanceof SQLException e && e.getSQLState() != null) {
        switch (e.getSQLState()) {
          case "57P03":
            return RoundTripException.Kind.NOT_READY;
          case "28P01":
          case "28000":
          case "08004":
            return RoundTripException.Kind.REJECTED;
          default:
            break;
        }
      }
    }
    return RoundTripException.Kind.UNREACHABLE;
  }

  /**
   * {@code ALTER ROLE} of the endpoint's user to {@code password}, after checking that no other
   * client is connected and no other role can log in.
   */
  static void replacePassword(ServiceEndpoint e, String password) throws SQLException {
    try (Connection c = connect(e);
        Statement s = c.createStatement()) {
      List<String> others = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT 'client ' || pid || ' from ' || coalesce(client_addr::text, 'a socket')"
                  + " FROM pg_stat_activity WHERE backend_type = 'client backend'"
                  + " AND pid <> pg_backend_pid()"
                  + " UNION ALL SELECT 'role ' || rolname FROM pg_roles"
                  + " WHERE rolcanlogin AND rolname <> current_user")) {
        while (rs.next()) {
          others.add(rs.getString(1));
        }
      }
      if (!others.isEmpty()) {
        throw new IllegalStateException(
            "expected the new server to have no other client and no other login role, but found "
                + others
                + ": another process logged in with the password the container was started with."
                + " Fix: find what connects to new Postgres containers on this machine");
      }
      s.execute(
          "ALTER ROLE \""
              + e.user().replace("\"", "\"\"")
              + "\" PASSWORD '"
              + password.replace("'", "''")
              + "'");
    }
  }

  private static Connection connect(ServiceEndpoint e) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", e.user());
    p.setProperty("password", e.password());
    p.setProperty("connectTimeout", "2");
    p.setProperty("loginTimeout", "5");
    return DriverManager.getConnection(
        e.jdbcUrl(e.attribute(ServiceEndpoint.DATABASE).orElse("postgres")), p);
  }

  /** {@code SELECT 1} over JDBC. */
  static void selectOne(ServiceEndpoint e) throws SQLException {
    try (Connection c = connect(e);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      if (!rs.next() || rs.getInt(1) != 1) {
        throw new SQLException("SELECT 1 returned no 1");
      }
    }
  }
}

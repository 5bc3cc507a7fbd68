package io.testlanes.examples.shop.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain JDBC for assertions: what the tests check is in the database, not in the objects. */
public final class Sql {
  private Sql() {}

  /** The single number a query returns, e.g. {@code SELECT count(*) FROM orders}. */
  public static long number(DataSource db, String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no row from: " + sql);
        }
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new AssertionError("query failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Rows in a table. */
  public static long count(DataSource db, String table) {
    return number(db, "SELECT count(*) FROM " + table);
  }

  /** The first column of every row, as strings. */
  public static List<String> column(DataSource db, String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
          values.add(String.valueOf(rs.getString(1)));
        }
        return values;
      }
    } catch (SQLException e) {
      throw new AssertionError("query failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs a statement; returns the rows it changed. */
  public static int execute(DataSource db, String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new AssertionError("statement failed: " + sql + ": " + e.getMessage(), e);
    }
  }
}

package io.testlanes.examples.shop.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;

/**
 * Runs JDBC work on a {@link DataSource}: one connection per call, closed afterwards; {@link
 * #inTransaction} commits when the work returns and rolls back when it throws.
 */
public final class Jdbc {
  /** SQLSTATE of a unique constraint violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  /** SQLSTATE of a foreign key violation. */
  public static final String FOREIGN_KEY_VIOLATION = "23503";

  /** SQLSTATE of a check constraint violation. */
  public static final String CHECK_VIOLATION = "23514";

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DataAccessException(what, e);
    }
  }

  /** Runs {@code work} on a connection in auto-commit mode. */
  public <T> T withConnection(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new DataAccessException(what, e);
    }
  }

  /** Every row of a query, mapped. */
  public <T> List<T> query(String sql, RowMapper<T> mapper, @Nullable Object... parameters) {
    return withConnection(sql, c -> query(c, sql, mapper, parameters));
  }

  /** At most one row of a query, mapped. */
  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, @Nullable Object... parameters) {
    List<T> rows = query(sql, mapper, parameters);
    if (rows.size() > 1) {
      throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
    }
    return rows.stream().findFirst();
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
  public int update(String sql, @Nullable Object... parameters) {
    return withConnection(sql, c -> update(c, sql, parameters));
  }

  /** Every row of a query on an open connection, mapped. */
  public static <T> List<T> query(
      Connection c, String sql, RowMapper<T> mapper, @Nullable Object... parameters)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      try (ResultSet rs = s.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  /** Runs an INSERT, UPDATE or DELETE on an open connection. */
  public static int update(Connection c, String sql, @Nullable Object... parameters)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      return s.executeUpdate();
    }
  }

  /** Binds parameters 1..n. */
  public static void bind(PreparedStatement s, @Nullable Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
  }

  /** Whether {@code e} or one of its causes is a violation of the named constraint. */
  public static boolean violates(Throwable e, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p
          && p.getServerErrorMessage() != null
          && constraint.equals(p.getServerErrorMessage().getConstraint())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} or one of its causes is an SQL error with this SQLSTATE. */
  public static boolean hasState(Throwable e, String sqlState) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && sqlState.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}

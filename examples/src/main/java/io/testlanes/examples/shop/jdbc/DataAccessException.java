package io.testlanes.examples.shop.jdbc;

import java.sql.SQLException;

/** A database call failed for a reason the caller cannot fix by changing its input. */
public final class DataAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataAccessException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}

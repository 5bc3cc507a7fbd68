package io.testlanes.internal.backend;

import java.time.Duration;

/**
 * A service's round trip did not succeed, and waiting longer would not help (or the wait is over).
 * The message is the failure's own: the driver's messages joined, such as {@code Connection to
 * 127.0.0.1:5999 refused: Connection refused}.
 */
public final class RoundTripException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** What the server answered, which decides whether trying again can help. */
  public enum Kind {
    /** It is starting up (Postgres 57P03, Redis LOADING, Cassandra unavailable): worth waiting. */
    NOT_READY,
    /** It refused the credentials: trying again cannot help. */
    REJECTED,
    /** It refused the connection, or failed otherwise: tried again only briefly. */
    UNREACHABLE
  }

  private final Kind kind;
  private final Duration tried;

  RoundTripException(Kind kind, String message, Duration tried, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.tried = tried;
  }

  public Kind kind() {
    return kind;
  }

  /** From the first attempt to the last. */
  public Duration tried() {
    return tried;
  }
}

package io.testlanes.internal.lane;

import io.testlanes.config.Service;
import org.jspecify.annotations.Nullable;

/**
 * A schema script failed on the database. The message names the script, the line and the database's
 * own message; nothing half-made is left behind when this is thrown.
 */
public final class SchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Service service;
  private final String script;
  private final int line;
  private final String databaseMessage;

  SchemaException(
      Service service,
      String script,
      int line,
      String databaseMessage,
      String statement,
      String cleanedUp,
      Throwable cause) {
    this(
        service,
        script,
        line,
        databaseMessage,
        service.id()
            + " schema script "
            + script
            + " failed at line "
            + line
            + ": "
            + databaseMessage
            + "\n  statement: "
            + abbreviate(statement)
            + "\n  Fix the script; "
            + cleanedUp
            + ".",
        cause);
  }

  private SchemaException(
      Service service,
      String script,
      int line,
      String problem,
      String message,
      @Nullable Throwable cause) {
    super(message, cause);
    this.service = service;
    this.script = script;
    this.line = line;
    this.databaseMessage = problem;
  }

  /**
   * A script that testlanes refuses before running any of it.
   *
   * @param problem what is wrong, without a final period
   * @param fix what to do, without a final period
   */
  static SchemaException rejected(
      Service service, String script, int line, String problem, String fix) {
    return new SchemaException(
        service,
        script,
        line,
        problem,
        service.id()
            + " schema script "
            + script
            + " is rejected at line "
            + line
            + ": "
            + problem
            + ". Fix: "
            + fix
            + ".",
        null);
  }

  public Service service() {
    return service;
  }

  /** The script's location as configured. */
  public String script() {
    return script;
  }

  /** 1-based line in the script. */
  public int line() {
    return line;
  }

  /** What the database said (or, for a rejected script, what is wrong with it). */
  public String databaseMessage() {
    return databaseMessage;
  }

  private static String abbreviate(String statement) {
    String oneLine = statement.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
  }
}

package io.testlanes.internal.log;

import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger of testlanes' own lines, with slf4j's {@code {}} placeholders and a last {@link
 * Throwable} argument taken as the cause, as in slf4j.
 *
 * <p>Lines go to slf4j when slf4j has a logging backend in this JVM. When it has none they go to
 * {@link System.Logger} ({@code java.util.logging}, which prints INFO and above on standard error,
 * unless the JVM routes it elsewhere) so that they are never lost: see {@link Slf4jBackend} for
 * when that is and the one warning that says so. Only the calls below are used, and each exists in
 * slf4j 1.7 and 2.x alike, so testlanes runs on whichever slf4j-api version wins on a user's class
 * path.
 */
public final class Log {
  private final Sink sink;

  private Log(Sink sink) {
    this.sink = sink;
  }

  /** The logger named after {@code owner}. */
  public static Log get(Class<?> owner) {
    return get(owner.getName());
  }

  /** The logger called {@code name}, such as {@code io.testlanes.cassandra}. */
  public static Log get(String name) {
    if (Slf4jBackend.works()) {
      org.slf4j.Logger logger = LoggerFactory.getLogger(name);
      return new Log(new Slf4jSink(logger));
    }
    return new Log(new SystemSink(System.getLogger(name)));
  }

  public boolean isDebugEnabled() {
    return sink.enabled(Level.DEBUG);
  }

  public void debug(String format, @Nullable Object... args) {
    sink.log(Level.DEBUG, format, args);
  }

  public void info(String format, @Nullable Object... args) {
    sink.log(Level.INFO, format, args);
  }

  public void warn(String format, @Nullable Object... args) {
    sink.log(Level.WARNING, format, args);
  }

  public void error(String format, @Nullable Object... args) {
    sink.log(Level.ERROR, format, args);
  }

  /** Where a logger's lines go. */
  private interface Sink {
    boolean enabled(Level level);

    void log(Level level, String format, @Nullable Object[] args);
  }

  /** slf4j, which formats the line itself. */
  private record Slf4jSink(org.slf4j.Logger logger) implements Sink {
    @Override
    public boolean enabled(Level level) {
      return switch (level) {
        case ALL, TRACE -> logger.isTraceEnabled();
        case DEBUG -> logger.isDebugEnabled();
        case INFO -> logger.isInfoEnabled();
        case WARNING -> logger.isWarnEnabled();
        case ERROR -> logger.isErrorEnabled();
        case OFF -> false;
      };
    }

    @Override
    public void log(Level level, String format, @Nullable Object[] args) {
      switch (level) {
        case ALL, TRACE -> logger.trace(format, args);
        case DEBUG -> logger.debug(format, args);
        case INFO -> logger.info(format, args);
        case WARNING -> logger.warn(format, args);
        case ERROR -> logger.error(format, args);
        case OFF -> {}
      }
    }
  }

  /** {@link System.Logger}, with the line formatted as slf4j would. */
  private record SystemSink(System.Logger logger) implements Sink {
    @Override
    public boolean enabled(Level level) {
      return logger.isLoggable(level);
    }

    @Override
    public void log(Level level, String format, @Nullable Object[] args) {
      if (!logger.isLoggable(level)) {
        return;
      }
      FormattingTuple line = MessageFormatter.arrayFormat(format, args);
      String message = String.valueOf(line.getMessage());
      Throwable cause = line.getThrowable();
      if (cause == null) {
        logger.log(level, message);
      } else {
        logger.log(level, message, cause);
      }
    }
  }
}

package io.testlanes.junit.internal.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JUnit report entries that testlanes publishes for the run report, and how the report reads
 * them.
 *
 * <p>The extension and the core publish them with {@code ExtensionContext.publishReportEntry(key,
 * value)} (several may share one entry's map); {@link RunReportListener} reads them from every
 * {@code reportingEntryPublished} event, whichever test or container published them.
 *
 * <ul>
 *   <li>{@value #LANE} = {@code lane_3}: the lane the publishing test, or every test of the
 *       publishing class, runs in. Tests without one are shown as "no lane".
 *   <li>{@code testlanes.service.<name>.readyMillis} = {@code 4800}: service {@code <name>} ({@code
 *       postgres}, {@code redis}, {@code cassandra}) took that many milliseconds to start and
 *       answer a round trip. The phase ended when the entry was published, or at {@code
 *       testlanes.service.<name>.readyAt} (epoch milliseconds) when given in the same entry, which
 *       suits a service that another JVM of the run started earlier.
 *   <li>{@code testlanes.lane.<name>.prepareMillis} = {@code 350}: lane {@code <name>} took that
 *       many milliseconds to prepare (database clone, keyspace); the phase ended when the entry was
 *       published, or at {@code testlanes.lane.<name>.preparedAt} (epoch milliseconds).
 *   <li>{@value #CONTEXT} = {@code created ShopApplication} or {@code reused ShopApplication}: the
 *       publishing class got an application context of that configuration, made for its lane or
 *       reused from the cache (the Spring module).
 * </ul>
 *
 * Values that are not numbers are ignored: a report must never fail a test run.
 */
public final class ReportEntries {

  /** The lane a test or test class runs in: {@value}, e.g. {@code lane_3}. */
  public static final String LANE = "testlanes.lane";

  /**
   * An application context a test class got: {@value}, with the value {@code created
   * <configuration>} or {@code reused <configuration>}.
   */
  public static final String CONTEXT = "testlanes.context";

  private static final String CREATED = "created ";
  private static final String REUSED = "reused ";

  private static final String SERVICE = "testlanes.service.";
  private static final String LANE_PREFIX = "testlanes.lane.";
  private static final String READY_MILLIS = ".readyMillis";
  private static final String READY_AT = ".readyAt";
  private static final String PREPARE_MILLIS = ".prepareMillis";
  private static final String PREPARED_AT = ".preparedAt";

  private static final Pattern PHASE =
      Pattern.compile(
          "testlanes\\.(service|lane)\\.([A-Za-z0-9_\\-]+)\\.(readyMillis|prepareMillis)");

  private ReportEntries() {}

  /** Key of the time service {@code name} took to become ready, in milliseconds. */
  public static String serviceReadyMillis(String name) {
    return SERVICE + checkName(name) + READY_MILLIS;
  }

  /** Key of the epoch millisecond at which service {@code name} became ready (optional). */
  public static String serviceReadyAt(String name) {
    return SERVICE + checkName(name) + READY_AT;
  }

  /** Key of the time lane {@code name} took to prepare, in milliseconds. */
  public static String lanePrepareMillis(String name) {
    return LANE_PREFIX + checkName(name) + PREPARE_MILLIS;
  }

  /** Key of the epoch millisecond at which lane {@code name} was prepared (optional). */
  public static String lanePreparedAt(String name) {
    return LANE_PREFIX + checkName(name) + PREPARED_AT;
  }

  private static String checkName(String name) {
    if (!name.matches("[A-Za-z0-9_\\-]+")) {
      throw new IllegalArgumentException(
          "a service or lane name in a report key must be letters, digits, '_' or '-', got '"
              + name
              + "'");
    }
    return name;
  }

  /** The value of a {@link #CONTEXT} entry. */
  public static String contextValue(String configuration, boolean created) {
    if (configuration.isBlank()) {
      throw new IllegalArgumentException("a context's configuration needs a description");
    }
    return (created ? CREATED : REUSED) + configuration.strip();
  }

  /** A {@link #CONTEXT} value read back: the configuration and whether it was created. */
  record ContextUse(String configuration, boolean created) {}

  /** Reads a {@link #CONTEXT} value; empty when it is not one. */
  static Optional<ContextUse> contextUse(String value) {
    if (value.startsWith(CREATED)) {
      return Optional.of(new ContextUse(value.substring(CREATED.length()).strip(), true));
    }
    if (value.startsWith(REUSED)) {
      return Optional.of(new ContextUse(value.substring(REUSED.length()).strip(), false));
    }
    return Optional.empty();
  }

  /** A setup phase named by a report entry key. */
  record PhaseKey(Phase.Kind kind, String name, String endKey) {}

  /** The phase that {@code key} reports the duration of, if it is one. */
  static Optional<PhaseKey> phase(String key) {
    Matcher m = PHASE.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    String name = m.group(2);
    return m.group(1).equals("service")
        ? Optional.of(new PhaseKey(Phase.Kind.SERVICE, name, serviceReadyAt(name)))
        : Optional.of(new PhaseKey(Phase.Kind.LANE, name, lanePreparedAt(name)));
  }
}

package io.testlanes.config;

import java.util.Locale;

/**
 * When a lane returns to the template's state: the schema, the rows the template's scripts and
 * migrations inserted, sequences at their template values; nothing a test wrote. See {@link
 * Keys#RESET}; a test class overrides it with {@code @TestLanes(reset = …)}, and its own data
 * scripts ({@code @TestLanes(data = …)}) run after every reset and at every lease.
 *
 * <p>A lane is leased by a test class (or by a test method, when methods run concurrently) and held
 * until it ends; its tests run one after another on it. The modes say when, within that, the lane
 * is reset:
 *
 * <table>
 *   <caption>What a test finds in its lane</caption>
 *   <tr><th>mode</th><th>reset</th><th>a test finds</th></tr>
 *   <tr><td>{@link #TEST}</td><td>at lease and before each test</td><td>the template's rows (and
 *       its class's data), nothing else</td></tr>
 *   <tr><td>{@link #CLASS}</td><td>at lease: before each class</td><td>the template's rows plus
 *       what the earlier tests of its class wrote</td></tr>
 *   <tr><td>{@link #NONE}</td><td>never (only a lane's first holder in a run gets it from the
 *       template)</td><td>whatever every earlier holder of the lane in this run left</td></tr>
 * </table>
 */
public enum Reset {
  /**
   * Only in annotations: as {@link Keys#RESET} says (default {@link #TEST}). Not a value of the
   * key.
   */
  DEFAULT,
  /** Before each test, and when a lane is leased: every test starts from the template's state. */
  TEST,
  /**
   * When a lane is leased: before each test class (or each concurrent method). The tests of a class
   * see what the class's earlier tests wrote; no other class's data.
   */
  CLASS,
  /**
   * Never: a lane keeps what earlier holders left, across test classes and across the JVMs of a run
   * (forks). Only the first holder of a lane in a run (a session of the run's services: one {@code
   * mvn test}, one IDE run, also with kept-alive services) gets it in the template's state, so a
   * run never starts on what an earlier run left.
   *
   * <p>With more than one lane, which data a test finds depends on which lane it gets and which
   * classes had that lane before it: the data is order-dependent, and a suite that passes at one
   * worker may fail at four. Use it for classes that clean up after themselves or only read, or
   * with {@code testlanes.workers=1} to keep data from class to class on purpose.
   */
  NONE;

  /** The name used in configuration: {@code test}, {@code class} or {@code none}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

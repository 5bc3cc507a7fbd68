package io.testlanes.internal.backend;

import io.testlanes.config.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * A service did not start. The message says which service, why, and ends with the tail of its log
 * where there is one.
 */
public final class ServiceStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Service service;

  public ServiceStartException(Service service, String message, String logTail) {
    super(compose(service, message, logTail));
    this.service = service;
  }

  public ServiceStartException(Service service, String message, String logTail, Throwable cause) {
    super(compose(service, message, logTail), cause);
    this.service = service;
  }

  public Service service() {
    return service;
  }

  /**
   * One failure for several services that failed to start together, naming each with its cause, one
   * per line ({@code postgres and redis failed to start:\n- postgres failed to start: ...}); the
   * first is the cause, the others are suppressed. One failure is returned as it is. If one of them
   * is not a ServiceStartException (a configuration error, which is the first thing to fix), that
   * one is returned, the others suppressed.
   *
   * @param failures at least one
   */
  public static RuntimeException combine(List<RuntimeException> failures) {
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("expected at least one failure to combine");
    }
    List<ServiceStartException> starts = new ArrayList<>();
    RuntimeException other = null;
    for (RuntimeException f : failures) {
      if (f instanceof ServiceStartException s) {
        starts.add(s);
      } else if (other == null) {
        other = f;
      }
    }
    if (other != null || failures.size() == 1) {
      RuntimeException first = other != null ? other : failures.get(0);
      failures.stream().filter(f -> f != first).forEach(first::addSuppressed);
      return first;
    }
    StringBuilder names = new StringBuilder();
    StringBuilder messages = new StringBuilder();
    for (int i = 0; i < starts.size(); i++) {
      names
          .append(i == 0 ? "" : i == starts.size() - 1 ? " and " : ", ")
          .append(starts.get(i).service().id());
      messages.append("\n- ").append(starts.get(i).getMessage());
    }
    return new ServiceStartException(names + " failed to start:" + messages, starts);
  }

  private ServiceStartException(String message, List<ServiceStartException> failures) {
    super(message, failures.get(0));
    this.service = failures.get(0).service();
    failures.subList(1, failures.size()).forEach(this::addSuppressed);
  }

  private static String compose(Service service, String message, String logTail) {
    String m = service.id() + " failed to start: " + message;
    if (!logTail.isBlank()) {
      m += "\n--- last lines of the " + service.id() + " log ---\n" + logTail.strip();
    }
    return m;
  }
}

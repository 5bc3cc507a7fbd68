package io.testlanes.internal.backend;

import io.testlanes.config.Service;

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

  private static String compose(Service service, String message, String logTail) {
    String m = service.id() + " failed to start: " + message;
    if (!logTail.isBlank()) {
      m += "\n--- last lines of the " + service.id() + " log ---\n" + logTail.strip();
    }
    return m;
  }
}

package io.testlanes.internal.backend.embedded;

import io.testlanes.config.Service;
import io.testlanes.internal.backend.RunningService;
import io.testlanes.internal.backend.ServiceBackend;
import io.testlanes.internal.backend.StartContext;

/**
 * The default backend: runs each service as a child process of this JVM from binaries found in
 * Maven artifacts or on this machine. No Docker needed. Postgres: {@link EmbeddedPostgres}; Redis:
 * {@link EmbeddedRedis}; Cassandra: {@link EmbeddedCassandra}. Safe to call from several threads at
 * once for different services.
 */
public final class EmbeddedBackend implements ServiceBackend {

  @Override
  public String name() {
    return "embedded";
  }

  @Override
  public RunningService start(Service service, StartContext context) {
    switch (service) {
      case POSTGRES:
        return new EmbeddedPostgres().start(context);
      case REDIS:
        return new EmbeddedRedis().start(context);
      case CASSANDRA:
        return new EmbeddedCassandra().start(context);
    }
    throw new IllegalArgumentException("unknown service " + service);
  }
}

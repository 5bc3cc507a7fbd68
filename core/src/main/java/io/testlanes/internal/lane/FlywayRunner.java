package io.testlanes.internal.lane;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies Flyway migrations to one database. Loaded only when Flyway is configured. */
final class FlywayRunner {
  private FlywayRunner() {}

  /** Migrates {@code jdbcUrl}; returns how many migrations ran. */
  static int migrate(
      String jdbcUrl,
      String user,
      String password,
      FlywayMigrations migrations,
      ClassLoader loader) {
    Flyway flyway =
        Flyway.configure(loader)
            .dataSource(jdbcUrl, user, password)
            .locations(migrations.locations().toArray(new String[0]))
            .load();
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }
}

package io.testlanes.internal.lane;

import io.testlanes.internal.backend.ServiceEndpoint;

/** Applies the Liquibase changelog to the template being built, with errors that say so. */
final class LiquibaseTemplate {
  private LiquibaseTemplate() {}

  /** Updates {@code database} with {@code changelog}; returns how many change sets it records. */
  static int update(
      ServiceEndpoint endpoint,
      String database,
      LiquibaseChangelog changelog,
      ClassLoader loader,
      String template) {
    try {
      return LiquibaseRunner.update(
          endpoint.jdbcUrl(database), endpoint.user(), endpoint.password(), changelog, loader);
    } catch (Exception e) {
      throw new IllegalStateException(
          "postgres Liquibase changelog "
              + changelog.path()
              + " failed: "
              + e.getMessage()
              + "; no template database was left behind ("
              + template
              + " was not created)",
          e);
    }
  }
}

package io.testlanes.internal.lane;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Applies a Liquibase changelog to one database. Loaded only when Liquibase is configured. */
final class LiquibaseRunner {
  private LiquibaseRunner() {}

  /** Updates {@code jdbcUrl} with {@code changelog}; returns how many change sets it records. */
  static int update(
      String jdbcUrl,
      String user,
      String password,
      LiquibaseChangelog changelog,
      ClassLoader loader)
      throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      Scope.child(
          Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader)),
          () ->
              new CommandScope(UpdateCommandStep.COMMAND_NAME)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.path())
                  .execute());
      return changeSets(c);
    }
  }

  private static int changeSets(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM databasechangelog")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}

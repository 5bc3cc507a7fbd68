package io.testlanes.internal.backend;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Takes over a fresh Cassandra node's default role. A node with {@code PasswordAuthenticator}
 * starts with the superuser {@code cassandra}/{@code cassandra}, which anyone on the machine could
 * use; its password is replaced with the run's on the first round trip. Then the node must have no
 * role but that one and no client logged in but this one: a local process that used the default
 * password in the moment before (an open session keeps its login; a role it made keeps working)
 * fails the start instead of reading the run's data later. Needs the Java driver 4.
 */
public final class CassandraDefaultRole {
  /** The default superuser that Cassandra creates, and the one testlanes keeps. */
  public static final String USER = "cassandra";

  /** Its well-known password, valid only until {@link #replacePassword} ran. */
  public static final String DEFAULT_PASSWORD = "cassandra";

  private CassandraDefaultRole() {}

  /**
   * Replaces the default role's password and checks that nobody else got in.
   *
   * @param session logged in as {@link #USER} with {@link #DEFAULT_PASSWORD}, with {@code
   *     applicationName} as its driver application name, which tells its connections from others
   * @param password the run's password (letters and digits)
   * @throws IllegalStateException if another role exists or another client is logged in
   */
  public static void replacePassword(CqlSession session, String applicationName, String password) {
    session.execute(
        SimpleStatement.newInstance(
            "ALTER ROLE " + USER + " WITH PASSWORD = '" + password.replace("'", "''") + "'"));
    List<String> roles = new ArrayList<>();
    for (Row row : session.execute("SELECT role FROM system_auth.roles")) {
      roles.add(row.getString("role"));
    }
    if (!roles.equals(List.of(USER))) {
      throw new IllegalStateException(
          "expected the new node to have the one role '"
              + USER
              + "', but it has "
              + roles
              + ": another local process logged in with the default password and made roles."
              + " Fix: find what connects to new Cassandra nodes on this machine");
    }
    List<String> others = new ArrayList<>();
    for (Row row :
        session.execute(
            "SELECT address, port, username, client_options FROM system_views.clients")) {
      Map<String, String> options = row.getMap("client_options", String.class, String.class);
      String app = options == null ? null : options.get("APPLICATION_NAME");
      if (row.getString("username") != null && !Objects.equals(app, applicationName)) {
        InetAddress address = row.getInetAddress("address");
        others.add(
            row.getString("username")
                + " from "
                + (address == null ? "?" : address.getHostAddress())
                + ":"
                + row.getInt("port"));
      }
    }
    if (!others.isEmpty()) {
      throw new IllegalStateException(
          "expected no other client logged in to the new node, but found "
              + others
              + ": another local process logged in with the default password. Fix: find what"
              + " connects to new Cassandra nodes on this machine");
    }
  }
}

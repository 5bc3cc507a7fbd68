/*
 * A small stand-in for cqlsh in testlanes/cassandra:5.0 (Cassandra's Python cqlsh is not in the
 * Maven jars). It covers what Testcontainers' CassandraContainer runs inside the container:
 *
 *   cqlsh [-u USER] [-p PASSWORD] [-k KEYSPACE] (-e "STATEMENTS" | -f FILE) [HOST [PORT]]
 *
 * Statements are split on ';' outside quotes, $$ blocks and comments, and run one after the other
 * with the Java driver 3.x that ships with cassandra-all. Rows are printed as "a | b" lines with a
 * header and a "(N rows)" footer. Exit status: 0 on success, 1 when no server answers, 2 when a
 * statement fails (cqlsh's codes).
 *
 * The wrapper script `cqlsh` probes the port before starting this JVM, so that a wait loop that
 * polls while the server is still starting costs milliseconds per try, not a JVM start.
 */
import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ColumnDefinitions;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.SocketOptions;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class Cqlsh {
  private Cqlsh() {}

  public static void main(String[] args) {
    String user = null;
    String password = null;
    String keyspace = null;
    String execute = null;
    String file = null;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-u", "--username" -> user = value(args, ++i, a);
        case "-p", "--password" -> password = value(args, ++i, a);
        case "-k", "--keyspace" -> keyspace = value(args, ++i, a);
        case "-e", "--execute" -> execute = value(args, ++i, a);
        case "-f", "--file" -> file = value(args, ++i, a);
        case "--request-timeout", "--connect-timeout", "--cqlversion", "--protocol-version" -> i++;
        default -> {
          if (a.startsWith("-")) {
            // flags without a value (--no-color, --debug, ...) change nothing here
          } else {
            positional.add(a);
          }
        }
      }
    }
    String host =
        positional.isEmpty() ? System.getenv().getOrDefault("CQLSH_HOST", "127.0.0.1") : positional.get(0);
    int port =
        Integer.parseInt(
            positional.size() > 1 ? positional.get(1) : System.getenv().getOrDefault("CQLSH_PORT", "9042"));

    String text;
    if (execute != null) {
      text = execute;
    } else if (file != null) {
      try {
        text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        System.err.println("Could not open '" + file + "': " + e.getMessage());
        System.exit(2);
        return;
      }
    } else {
      System.err.println("cqlsh stand-in: give statements with -e \"...\" or -f FILE");
      System.exit(2);
      return;
    }

    Cluster.Builder builder =
        Cluster.builder()
            .addContactPoint(host)
            .withPort(port)
            .withoutJMXReporting()
            .withoutMetrics()
            .withSocketOptions(
                new SocketOptions().setConnectTimeoutMillis(5_000).setReadTimeoutMillis(60_000));
    if (user != null) {
      builder.withCredentials(user, password == null ? "" : password);
    }
    try (Cluster cluster = builder.build()) {
      Session session;
      try {
        session = keyspace == null ? cluster.connect() : cluster.connect(keyspace);
      } catch (NoHostAvailableException e) {
        System.err.println(
            "Connection error: ('Unable to connect to any servers', " + e.getMessage() + ")");
        System.exit(1);
        return;
      }
      for (String statement : split(text)) {
        try {
          print(session.execute(statement));
        } catch (RuntimeException e) {
          System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
          System.err.println("  in: " + statement);
          System.exit(2);
          return;
        }
      }
    }
    System.exit(0);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println("cqlsh stand-in: " + option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  private static void print(ResultSet rs) {
    ColumnDefinitions columns = rs.getColumnDefinitions();
    if (columns.size() == 0) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (ColumnDefinitions.Definition d : columns) {
      names.add(d.getName());
    }
    System.out.println();
    System.out.println(" " + String.join(" | ", names));
    System.out.println("-".repeat(Math.max(3, String.join(" | ", names).length() + 2)));
    int n = 0;
    for (Row row : rs) {
      List<String> values = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        Object v = row.getObject(c);
        values.add(v == null ? "null" : v.toString());
      }
      System.out.println(" " + String.join(" | ", values));
      n++;
    }
    System.out.println();
    System.out.println("(" + n + (n == 1 ? " row)" : " rows)"));
  }

  /** Splits on ';' outside '...', "...", $$...$$, -- and // line comments and block comments. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < n) {
          if (text.charAt(end) == c) {
            if (end + 1 < n && text.charAt(end + 1) == c) {
              end += 2; // doubled quote inside the string
              continue;
            }
            break;
          }
          end++;
        }
        current.append(text, i, Math.min(end + 1, n));
        i = end + 1;
      } else if (text.startsWith("$$", i)) {
        int end = text.indexOf("$$", i + 2);
        end = end < 0 ? n : end + 2;
        current.append(text, i, end);
        i = end;
      } else if (text.startsWith("--", i) || text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        current.append('\n');
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        current.append(' ');
      } else if (c == ';') {
        add(out, current);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder current) {
    String s = current.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    current.setLength(0);
  }
}

package io.testlanes.internal.backend.external;

import io.testlanes.config.ConfigurationException;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.config.Settings;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the endpoints of the external backend from configuration. */
final class ExternalEndpoints {
  private ExternalEndpoints() {}

  static String keyOf(Service s) {
    switch (s) {
      case POSTGRES:
        return Keys.POSTGRES_URL;
      case REDIS:
        return Keys.REDIS_URL;
      default:
        return Keys.CASSANDRA_CONTACT_POINTS;
    }
  }

  /** Where the service's user and password are configured. */
  static String credentialKeysOf(Service s) {
    return s == Service.CASSANDRA
        ? Keys.CASSANDRA_USER + " and " + Keys.CASSANDRA_PASSWORD
        : keyOf(s);
  }

  private static ConfigurationException missing(String key, String example) {
    return Settings.configurationError(
        key,
        null,
        "a value, because testlanes.backend=external starts nothing",
        "set it, for example -D" + key + "=" + example + ", or use -Dtestlanes.backend=embedded");
  }

  /**
   * Postgres from {@code jdbc:postgresql://host:port/db?user=u&password=p} or {@code
   * postgresql://u:p@host:port/db}.
   */
  static ServiceEndpoint postgres(Settings settings) {
    String key = Keys.POSTGRES_URL;
    String url =
        settings
            .postgresUrl()
            .orElseThrow(
                () -> missing(key, "jdbc:postgresql://localhost:5432/postgres?user=u&password=p"));
    String expected =
        "jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD or"
            + " postgresql://USER:PASSWORD@HOST:PORT/DATABASE";
    String uriText = url.startsWith("jdbc:") ? url.substring(5) : url;
    try {
      URI uri = new URI(uriText);
      if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw Settings.configurationError(key, url, expected, "write the URL in that form");
      }
      Map<String, String> query = query(uri.getRawQuery());
      String user = query.getOrDefault("user", "");
      String password = query.getOrDefault("password", "");
      if (uri.getRawUserInfo() != null) {
        String[] up = uri.getRawUserInfo().split(":", 2);
        user = decode(up[0]);
        password = up.length > 1 ? decode(up[1]) : "";
      }
      if (user.isEmpty()) {
        throw Settings.configurationError(
            key, url, expected + " (a user is required)", "add the user and password to the URL");
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      return new ServiceEndpoint(
          Service.POSTGRES,
          uri.getHost(),
          uri.getPort() > 0 ? uri.getPort() : 5432,
          user,
          password,
          Map.of(ServiceEndpoint.DATABASE, path.isEmpty() ? "postgres" : path));
    } catch (URISyntaxException e) {
      throw Settings.configurationError(key, url, expected, "write the URL in that form");
    }
  }

  /** Redis from {@code redis://[[user]:password@]host[:port]}. */
  static ServiceEndpoint redis(Settings settings) {
    String key = Keys.REDIS_URL;
    String url =
        settings.redisUrl().orElseThrow(() -> missing(key, "redis://:secret@localhost:6379"));
    String expected = "redis://[[USER]:PASSWORD@]HOST[:PORT]";
    try {
      URI uri = new URI(url);
      if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
        throw Settings.configurationError(key, url, expected, "write the URI in that form");
      }
      String user = "";
      String password = "";
      if (uri.getRawUserInfo() != null) {
        String[] up = uri.getRawUserInfo().split(":", 2);
        if (up.length == 2) {
          user = decode(up[0]);
          password = decode(up[1]);
        } else {
          password = decode(up[0]);
        }
      }
      return new ServiceEndpoint(
          Service.REDIS,
          uri.getHost(),
          uri.getPort() > 0 ? uri.getPort() : 6379,
          user,
          password,
          Map.of());
    } catch (URISyntaxException e) {
      throw Settings.configurationError(key, url, expected, "write the URI in that form");
    }
  }

  /**
   * Cassandra from {@code host:port[,host:port]}, the local datacenter, and the user and password
   * if the cluster needs them.
   */
  static ServiceEndpoint cassandra(Settings settings) {
    String key = Keys.CASSANDRA_CONTACT_POINTS;
    List<String> points = settings.cassandraContactPoints();
    if (points.isEmpty()) {
      throw missing(key, "localhost:9042");
    }
    String first = points.get(0);
    int colon = first.lastIndexOf(':');
    String host = colon > 0 ? first.substring(0, colon) : first;
    int port = 9042;
    if (colon > 0) {
      try {
        port = Integer.parseInt(first.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (host.isBlank() || port < 1 || port > 65535) {
      throw Settings.configurationError(
          key, String.join(",", points), "HOST:PORT[,HOST:PORT...]", "write e.g. localhost:9042");
    }
    String user = settings.cassandraUser().orElse("");
    if (user.isEmpty() && !settings.cassandraPassword().isEmpty()) {
      throw Settings.configurationError(
          Keys.CASSANDRA_USER,
          null,
          "a user, because " + Keys.CASSANDRA_PASSWORD + " is set",
          "set -D" + Keys.CASSANDRA_USER + "=USER, or remove " + Keys.CASSANDRA_PASSWORD);
    }
    return new ServiceEndpoint(
        Service.CASSANDRA,
        host,
        port,
        user,
        settings.cassandraPassword(),
        Map.of(ServiceEndpoint.DATACENTER, settings.cassandraLocalDatacenter()));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null) {
      return m;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return m;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}

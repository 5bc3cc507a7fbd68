package io.testlanes.spring.internal;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Where a lane's services are, in one form for the lane and for a context's connection details, so
 * the safety net can compare them: Postgres by JDBC URL, Redis by {@code host:port/database},
 * Cassandra by {@code host:port}.
 */
public final class LaneEndpoints {
  private LaneEndpoints() {}

  /** The Redis server and database of a lane, read from its {@code redis://} URI. */
  public record Redis(String host, int port, int database, String user, String password) {}

  /** The endpoints of {@code lane} for {@code services}. */
  public static Map<Service, String> of(Lane lane, Set<Service> services) {
    Map<Service, String> out = new EnumMap<>(Service.class);
    for (Service s : services) {
      switch (s) {
        case POSTGRES -> out.put(s, postgres(lane.jdbcUrl()));
        case REDIS -> {
          Redis r = redis(lane);
          out.put(s, redis(r.host(), r.port(), r.database()));
        }
        case CASSANDRA ->
            out.put(
                s,
                cassandra(
                    lane.cassandraContactPoint().getHostString(),
                    lane.cassandraContactPoint().getPort()));
      }
    }
    return out;
  }

  public static String postgres(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }

  public static String redis(String host, int port, int database) {
    return host + ":" + port + "/" + database;
  }

  public static String cassandra(String host, int port) {
    return host + ":" + port;
  }

  /** The lane's Redis server, database and credentials. */
  public static Redis redis(Lane lane) {
    URI uri = URI.create(lane.redisUri());
    String user = "";
    String password = "";
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = colon < 0 ? "" : decode(info.substring(0, colon));
      password = decode(colon < 0 ? info : info.substring(colon + 1));
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
    int database = path.isEmpty() ? lane.redisDatabase() : Integer.parseInt(path);
    return new Redis(uri.getHost(), uri.getPort(), database, user, password);
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}

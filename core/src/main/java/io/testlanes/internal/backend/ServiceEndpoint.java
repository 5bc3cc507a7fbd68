package io.testlanes.internal.backend;

import io.testlanes.config.Service;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a running service answers and how to log in. Immutable; travels between the run host and
 * the JVMs attached to it as flat string properties ({@link #toProperties}).
 *
 * <p>Attributes by service: Postgres {@code database} (the maintenance database to connect to);
 * Redis {@code databases} (how many logical databases the server has); Cassandra {@code datacenter}
 * (the local datacenter name).
 */
public final class ServiceEndpoint {
  public static final String DATABASE = "database";
  public static final String DATABASES = "databases";
  public static final String DATACENTER = "datacenter";

  private final Service service;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final Map<String, String> attributes;

  public ServiceEndpoint(
      Service service,
      String host,
      int port,
      String user,
      String password,
      Map<String, String> attributes) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    this.service = Objects.requireNonNull(service);
    this.host = Objects.requireNonNull(host);
    this.port = port;
    this.user = Objects.requireNonNull(user);
    this.password = Objects.requireNonNull(password);
    this.attributes = Map.copyOf(attributes);
  }

  public Service service() {
    return service;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** User name; empty where the service has none (Redis without ACL, Cassandra without auth). */
  public String user() {
    return user;
  }

  /** Password; empty where the service needs none. */
  public String password() {
    return password;
  }

  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  /** {@code host:port}. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** JDBC URL of {@code database} on this Postgres server (no credentials in it). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + address() + "/" + database;
  }

  /** A {@code redis://} URI for logical database {@code db}, with the password if there is one. */
  public String redisUri(int db) {
    String auth =
        password.isEmpty()
            ? ""
            : URLEncoder.encode(user, StandardCharsets.UTF_8)
                + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "@";
    return "redis://" + auth + address() + "/" + db;
  }

  /** A one-line description for humans: what to connect to, without the password. */
  public String describe() {
    switch (service) {
      case POSTGRES:
        return jdbcUrl(attribute(DATABASE).orElse("postgres")) + " (user " + user + ")";
      case REDIS:
        return "redis://" + address() + " (" + attribute(DATABASES).orElse("16") + " databases)";
      default:
        return address() + " (datacenter " + attribute(DATACENTER).orElse("datacenter1") + ")";
    }
  }

  /** Flat properties under {@code prefix}, readable by {@link #fromProperties}. */
  public Map<String, String> toProperties(String prefix) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(prefix + "service", service.id());
    p.put(prefix + "host", host);
    p.put(prefix + "port", Integer.toString(port));
    p.put(prefix + "user", user);
    p.put(prefix + "password", password);
    attributes.forEach((k, v) -> p.put(prefix + "attr." + k, v));
    return p;
  }

  /** Reads what {@link #toProperties} wrote under {@code prefix}. */
  public static ServiceEndpoint fromProperties(Map<String, String> p, String prefix) {
    Map<String, String> attrs = new LinkedHashMap<>();
    p.forEach(
        (k, v) -> {
          if (k.startsWith(prefix + "attr.")) {
            attrs.put(k.substring(prefix.length() + 5), v);
          }
        });
    return new ServiceEndpoint(
        Service.valueOf(required(p, prefix + "service").toUpperCase(java.util.Locale.ROOT)),
        required(p, prefix + "host"),
        Integer.parseInt(required(p, prefix + "port")),
        p.getOrDefault(prefix + "user", ""),
        p.getOrDefault(prefix + "password", ""),
        attrs);
  }

  private static String required(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          "endpoint property " + key + " is missing in " + p.keySet());
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceEndpoint e
        && e.service == service
        && e.host.equals(host)
        && e.port == port
        && e.user.equals(user)
        && e.password.equals(password)
        && e.attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, host, port, user, password, attributes);
  }

  @Override
  public String toString() {
    return service.id() + " " + describe();
  }
}

package io.testlanes.internal.lane;

import io.testlanes.Lane;
import io.testlanes.config.Keys;
import io.testlanes.config.Service;
import io.testlanes.internal.backend.ServiceEndpoint;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** A lane's facts, from the run's endpoints and the lane number. Immutable. */
public final class LaneImpl implements Lane {
  private final int number;
  private final String name;
  private final Map<Service, ServiceEndpoint> endpoints;

  /**
   * @param number 1-based lane number, or {@link LaneNames#SHARED}
   * @param endpoints the run's services, by service
   */
  public LaneImpl(int number, Map<Service, ServiceEndpoint> endpoints) {
    this.number = LaneNames.check(number);
    this.name = LaneNames.of(number);
    EnumMap<Service, ServiceEndpoint> copy = new EnumMap<>(Service.class);
    endpoints.forEach(
        (service, endpoint) -> {
          if (endpoint.service() != service) {
            throw new IllegalArgumentException(
                "endpoint " + endpoint + " given for " + service.id());
          }
          copy.put(service, endpoint);
        });
    this.endpoints = copy;
  }

  @Override
  public int number() {
    return number;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String jdbcUrl() {
    return endpoint(Service.POSTGRES).jdbcUrl(name);
  }

  @Override
  public String postgresHost() {
    return endpoint(Service.POSTGRES).host();
  }

  @Override
  public int postgresPort() {
    return endpoint(Service.POSTGRES).port();
  }

  @Override
  public String jdbcUser() {
    return endpoint(Service.POSTGRES).user();
  }

  @Override
  public String jdbcPassword() {
    return endpoint(Service.POSTGRES).password();
  }

  @Override
  public String database() {
    endpoint(Service.POSTGRES);
    return name;
  }

  @Override
  public String keyspace() {
    endpoint(Service.CASSANDRA);
    return name;
  }

  @Override
  public String cassandraHost() {
    return endpoint(Service.CASSANDRA).host();
  }

  @Override
  public int cassandraPort() {
    return endpoint(Service.CASSANDRA).port();
  }

  @Override
  public InetSocketAddress cassandraContactPoint() {
    ServiceEndpoint e = endpoint(Service.CASSANDRA);
    return new InetSocketAddress(e.host(), e.port());
  }

  @Override
  public String cassandraUser() {
    return endpoint(Service.CASSANDRA).user();
  }

  @Override
  public String cassandraPassword() {
    return endpoint(Service.CASSANDRA).password();
  }

  @Override
  public String cassandraLocalDatacenter() {
    return endpoint(Service.CASSANDRA).attribute(ServiceEndpoint.DATACENTER).orElse("datacenter1");
  }

  @Override
  public String redisUri() {
    return endpoint(Service.REDIS).redisUri(redisDatabase());
  }

  @Override
  public String redisHost() {
    return endpoint(Service.REDIS).host();
  }

  @Override
  public int redisPort() {
    return endpoint(Service.REDIS).port();
  }

  @Override
  public int redisDatabase() {
    endpoint(Service.REDIS);
    return number;
  }

  @Override
  public String redisUser() {
    return endpoint(Service.REDIS).user();
  }

  @Override
  public String redisPassword() {
    return endpoint(Service.REDIS).password();
  }

  private ServiceEndpoint endpoint(Service service) {
    ServiceEndpoint e = endpoints.get(service);
    if (e == null) {
      throw new IllegalStateException(
          service.id()
              + " is not a service of this run, so "
              + name
              + " has no "
              + service.id()
              + " part. Fix: include "
              + service.id()
              + " in "
              + Keys.SERVICES
              + " (for example -D"
              + Keys.SERVICES
              + "="
              + service.id()
              + ",...), or leave the key unset and put its driver on the test classpath (class "
              + service.driverClass()
              + ").");
    }
    return e;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaneImpl l && l.number == number && l.endpoints.equals(endpoints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, endpoints);
  }

  /** {@code lane_2 (postgres, redis)}: no passwords. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name).append(" (");
    endpoints
        .keySet()
        .forEach(s -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(s.id()));
    return b.append(')').toString();
  }
}

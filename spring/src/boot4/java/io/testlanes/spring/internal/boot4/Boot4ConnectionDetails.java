package io.testlanes.spring.internal.boot4;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import io.testlanes.spring.internal.BootConnectionDetails;
import io.testlanes.spring.internal.LaneEndpoints;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot 4.x's connection details for a lane. Each store's interface is touched only when its
 * auto-configuration is on the classpath (a nested class per store, loaded on first use).
 */
public final class Boot4ConnectionDetails implements BootConnectionDetails {
  private static final ClassLoader LOADER = Boot4ConnectionDetails.class.getClassLoader();

  @Override
  public void register(BeanDefinitionRegistry registry, Lane lane, Set<Service> services) {
    if (services.contains(Service.POSTGRES)
        && present("org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")) {
      Jdbc.register(registry, lane);
    }
    if (services.contains(Service.REDIS)
        && present(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")) {
      Redis.register(registry, lane);
    }
    if (services.contains(Service.CASSANDRA)
        && present("org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails")) {
      Cassandra.register(registry, lane);
      Cassandra.registerQuickClose(registry, lane);
    }
  }

  @Override
  public Map<Service, String> endpoints(ListableBeanFactory beans) {
    Map<Service, String> out = new EnumMap<>(Service.class);
    if (present("org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")) {
      Jdbc.endpoint(beans).ifPresent(e -> out.put(Service.POSTGRES, e));
    }
    if (present("org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")) {
      Redis.endpoint(beans).ifPresent(e -> out.put(Service.REDIS, e));
    }
    if (present("org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails")) {
      Cassandra.endpoint(beans).ifPresent(e -> out.put(Service.CASSANDRA, e));
    }
    return out;
  }

  private static boolean present(String className) {
    return ClassUtils.isPresent(className, LOADER);
  }

  private static <T> java.util.Optional<T> bean(ListableBeanFactory beans, Class<T> type) {
    return java.util.Optional.ofNullable(beans.getBeanProvider(type).getIfUnique());
  }

  private static final class Jdbc {
    static void register(BeanDefinitionRegistry registry, Lane lane) {
      org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails details =
          new org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails() {
            @Override
            public String getUsername() {
              return lane.jdbcUser();
            }

            @Override
            public String getPassword() {
              return lane.jdbcPassword();
            }

            @Override
            public String getJdbcUrl() {
              return lane.jdbcUrl();
            }

            @Override
            public String toString() {
              return "testlanes JDBC connection details of " + lane.name();
            }
          };
      BootConnectionDetails.registerBean(
          registry,
          org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails.class,
          () -> details,
          lane,
          true);
    }

    static java.util.Optional<String> endpoint(ListableBeanFactory beans) {
      return bean(beans, org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails.class)
          .map(d -> LaneEndpoints.postgres(d.getJdbcUrl()));
    }
  }

  private static final class Redis {
    static void register(BeanDefinitionRegistry registry, Lane lane) {
      LaneEndpoints.Redis r = LaneEndpoints.redis(lane);
      org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone
          standalone =
              org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails
                  .Standalone.of(r.host(), r.port(), r.database());
      org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails details =
          new org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails() {
            @Override
            public @Nullable String getUsername() {
              return r.user().isEmpty() ? null : r.user();
            }

            @Override
            public @Nullable String getPassword() {
              return r.password().isEmpty() ? null : r.password();
            }

            @Override
            public org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails
                    .Standalone
                getStandalone() {
              return standalone;
            }

            @Override
            public String toString() {
              return "testlanes Redis connection details of " + lane.name();
            }
          };
      BootConnectionDetails.registerBean(
          registry,
          org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.class,
          () -> details,
          lane,
          false);
    }

    static java.util.Optional<String> endpoint(ListableBeanFactory beans) {
      return bean(
              beans,
              org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.class)
          .map(
              org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails
                  ::getStandalone)
          .map(s -> LaneEndpoints.redis(s.getHost(), s.getPort(), s.getDatabase()));
    }
  }

  private static final class Cassandra {
    static void register(BeanDefinitionRegistry registry, Lane lane) {
      List<org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails.Node> nodes =
          List.of(
              new org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails.Node(
                  lane.cassandraContactPoint().getHostString(),
                  lane.cassandraContactPoint().getPort()));
      org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails details =
          new org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails() {
            @Override
            public List<
                    org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails
                        .Node>
                getContactPoints() {
              return nodes;
            }

            @Override
            public String getLocalDatacenter() {
              return lane.cassandraLocalDatacenter();
            }

            @Override
            public @Nullable String getUsername() {
              return lane.cassandraUser().isEmpty() ? null : lane.cassandraUser();
            }

            @Override
            public @Nullable String getPassword() {
              return lane.cassandraPassword().isEmpty() ? null : lane.cassandraPassword();
            }

            @Override
            public String toString() {
              return "testlanes Cassandra connection details of " + lane.name();
            }
          };
      BootConnectionDetails.registerBean(
          registry,
          org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails.class,
          () -> details,
          lane,
          false);
    }

    /**
     * Lane contexts close their Cassandra session without Netty's 2 s quiet period: a test JVM
     * closes every cached context at its end, and 2 s per context added up to 19 s for 8 contexts.
     */
    static void registerQuickClose(BeanDefinitionRegistry registry, Lane lane) {
      BootConnectionDetails.registerBean(
          registry,
          org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer
              .class,
          () ->
              builder ->
                  builder
                      .withInt(
                          com.datastax.oss.driver.api.core.config.DefaultDriverOption
                              .NETTY_IO_SHUTDOWN_QUIET_PERIOD,
                          0)
                      .withInt(
                          com.datastax.oss.driver.api.core.config.DefaultDriverOption
                              .NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD,
                          0),
          lane,
          false);
    }

    static java.util.Optional<String> endpoint(ListableBeanFactory beans) {
      return bean(
              beans,
              org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails.class)
          .flatMap(d -> d.getContactPoints().stream().findFirst())
          .map(n -> LaneEndpoints.cassandra(n.host(), n.port()));
    }
  }
}

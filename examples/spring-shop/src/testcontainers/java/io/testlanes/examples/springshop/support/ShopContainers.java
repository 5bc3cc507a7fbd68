package io.testlanes.examples.springshop.support;

import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The shop's services the usual Spring way: Testcontainers singletons, started once per JVM (all
 * three at once) and wired into every context by {@code @ServiceConnection}. The images are the
 * ones ci/images/build-all.sh builds (no registry here), standing in for the official ones; other
 * names with -Dspringshop.postgresImage=..., -Dspringshop.redisImage=...,
 * -Dspringshop.cassandraImage=.... Postgres gets the tuning every guide recommends (data on tmpfs,
 * fsync off), as testlanes' Postgres has it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ShopContainers {
  static final PostgreSQLContainer POSTGRES =
      new PostgreSQLContainer(
              image("springshop.postgresImage", "testlanes/postgres:15", "postgres"))
          .withTmpFs(Map.of("/var/lib/postgresql/data", "rw"))
          .withCommand("postgres", "-c", "fsync=off");

  static final GenericContainer<?> REDIS =
      new GenericContainer<>(image("springshop.redisImage", "testlanes/redis:7", "redis"))
          .withExposedPorts(6379);

  static final CassandraContainer CASSANDRA =
      new CassandraContainer(
              image("springshop.cassandraImage", "testlanes/cassandra:5.0", "cassandra"))
          .withInitScript("shop-keyspace.cql");

  static {
    Startables.deepStart(POSTGRES, REDIS, CASSANDRA).join();
  }

  @Bean
  @ServiceConnection
  PostgreSQLContainer postgres() {
    return POSTGRES;
  }

  @Bean
  @ServiceConnection(name = "redis")
  GenericContainer<?> redis() {
    return REDIS;
  }

  @Bean
  @ServiceConnection
  CassandraContainer cassandra() {
    return CASSANDRA;
  }

  private static DockerImageName image(String property, String local, String official) {
    return DockerImageName.parse(System.getProperty(property, local))
        .asCompatibleSubstituteFor(official);
  }
}

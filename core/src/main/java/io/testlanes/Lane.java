package io.testlanes;

import java.net.InetSocketAddress;

/**
 * One worker's private slice of the run's services: its own Postgres database, Cassandra keyspace
 * and Redis logical database. At most one test (or test class) holds a lane at a time, across every
 * JVM of the run.
 *
 * <p>The facts here let code that is configured by URL or by host and port (Spring, Flyway, R2DBC,
 * Vert.x, Lettuce, an application's own configuration) point at the lane, with the credentials the
 * run generated (embedded and docker backends) or was given (external backend). Example values are
 * those of an embedded run. A method about a service the run did not start throws {@link
 * IllegalStateException} naming the service and how to enable it.
 */
public interface Lane {

  /** 1-based lane number; {@code 0} in shared isolation, where every worker uses the same lane. */
  int number();

  /** Short, stable name: {@code lane_3}; the database and keyspace are named after it. */
  String name();

  // Postgres

  /**
   * JDBC URL of this lane's Postgres database, without credentials: {@code
   * jdbc:postgresql://127.0.0.1:41234/lane_3}. For JDBC drivers, connection pools, Flyway, Spring's
   * {@code spring.datasource.url}.
   */
  String jdbcUrl();

  /**
   * Host of this lane's Postgres server: {@code 127.0.0.1}. With {@link #postgresPort()} and {@link
   * #database()}, for clients that take no JDBC URL (R2DBC, Vert.x, pgjdbc-ng, libpq tools).
   */
  String postgresHost();

  /** Port of this lane's Postgres server: {@code 41234}. */
  int postgresPort();

  /** Name of this lane's Postgres database: {@code lane_3}. */
  String database();

  /**
   * Postgres user of this lane's database: {@code tl_k3j9x0q2ab} (generated per run), or the user
   * of {@code testlanes.postgres.url} (external backend).
   */
  String jdbcUser();

  /** Postgres password of {@link #jdbcUser()}: 32 generated letters and digits, for example. */
  String jdbcPassword();

  // Cassandra

  /**
   * This lane's Cassandra keyspace: {@code lane_3}. The {@code CqlSession} handed to tests is
   * already bound to it.
   */
  String keyspace();

  /**
   * Host of the Cassandra contact point: {@code 127.0.0.1}. With {@link #cassandraPort()}, for
   * clients configured by host and port (Spring's {@code spring.cassandra.contact-points}).
   */
  String cassandraHost();

  /** Native protocol (CQL) port of the Cassandra contact point: {@code 45125}. */
  int cassandraPort();

  /**
   * Cassandra contact point (native protocol): {@link #cassandraHost()} and {@link
   * #cassandraPort()}.
   */
  InetSocketAddress cassandraContactPoint();

  /** Cassandra local datacenter name: {@code datacenter1}. */
  String cassandraLocalDatacenter();

  /**
   * Cassandra user: {@code cassandra} on embedded and docker nodes (its password generated per
   * run); {@code testlanes.cassandra.user} on the external backend; empty when the cluster needs no
   * login. Give it with {@link #cassandraPassword()} to the driver ({@code
   * CqlSessionBuilder.withAuthCredentials}) unless it is empty.
   */
  String cassandraUser();

  /** Password of {@link #cassandraUser()}; empty when the cluster needs no login. */
  String cassandraPassword();

  // Redis

  /**
   * {@code redis://} URI of this lane's Redis database, password included: {@code
   * redis://:secret@127.0.0.1:47303/3}. For Lettuce ({@code RedisURI.create}), Jedis ({@code new
   * JedisPooled(URI)}), Redisson.
   */
  String redisUri();

  /** Host of the Redis server: {@code 127.0.0.1}. */
  String redisHost();

  /** Port of the Redis server: {@code 47303}. */
  int redisPort();

  /** Index of this lane's Redis logical database ({@code SELECT n}): {@code 3}. */
  int redisDatabase();

  /**
   * Redis ACL user: empty when the server takes a password alone ({@code AUTH password}, as on the
   * embedded backend), else the user of {@code testlanes.redis.url}, or {@code default} (docker).
   */
  String redisUser();

  /**
   * Redis password: generated per run on embedded and docker servers; empty when none is needed.
   */
  String redisPassword();
}

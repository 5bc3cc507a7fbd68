package io.testlanes;

import java.net.InetSocketAddress;

/**
 * One worker's private slice of the run's services: its own Postgres database, Cassandra keyspace
 * and Redis logical database. At most one test (or test class) holds a lane at a time, across every
 * JVM of the run.
 *
 * <p>The facts here let code that is configured by URL (Spring, Flyway, an application's own
 * configuration) point at the lane. A method about a service the run did not start throws {@link
 * IllegalStateException} naming the service and how to enable it.
 */
public interface Lane {

  /** 1-based lane number; {@code 0} in shared isolation, where every worker uses the same lane. */
  int number();

  /** Short, stable name: {@code lane_3}; the database and keyspace are named after it. */
  String name();

  /** JDBC URL of this lane's Postgres database, without credentials. */
  String jdbcUrl();

  /** Postgres user of this lane's database. */
  String jdbcUser();

  /** Postgres password of {@link #jdbcUser()}. */
  String jdbcPassword();

  /** Name of this lane's Postgres database. */
  String database();

  /** This lane's Cassandra keyspace. */
  String keyspace();

  /** Cassandra contact point (native protocol). */
  InetSocketAddress cassandraContactPoint();

  /** Cassandra local datacenter name. */
  String cassandraLocalDatacenter();

  /** {@code redis://} URI of this lane's Redis database, password included. */
  String redisUri();

  /** Index of this lane's Redis logical database ({@code SELECT n}). */
  int redisDatabase();
}

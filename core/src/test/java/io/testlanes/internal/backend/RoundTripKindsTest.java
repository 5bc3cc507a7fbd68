package io.testlanes.internal.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import io.testlanes.internal.backend.RoundTripException.Kind;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Which answers are worth waiting for. The exceptions are the drivers' own, built with the messages
 * and states real servers send (the real servers' answers are tested end to end in
 * ExternalBackendFailuresTest and PostgresStartingUpTest).
 */
class RoundTripKindsTest {
  private static final EndPoint NODE =
      new DefaultEndPoint(new InetSocketAddress("127.0.0.1", 9042));

  @Test
  void postgresStartingUpIsNotReadyAndAuthenticationFailuresAreRejected() {
    assertThat(
            PostgresRoundTrip.kind(new SQLException("the database system is starting up", "57P03")))
        .isEqualTo(Kind.NOT_READY);
    assertThat(PostgresRoundTrip.kind(new SQLException("password authentication failed", "28P01")))
        .isEqualTo(Kind.REJECTED);
    assertThat(PostgresRoundTrip.kind(new SQLException("no pg_hba.conf entry", "28000")))
        .isEqualTo(Kind.REJECTED);
    assertThat(PostgresRoundTrip.kind(new SQLException("Connection refused", "08001")))
        .isEqualTo(Kind.UNREACHABLE);
  }

  @Test
  void redisLoadingIsNotReadyAndAWrongPasswordIsRejected() {
    assertThat(
            RedisRoundTrip.kind(
                new JedisDataException("LOADING Redis is loading the dataset in memory")))
        .isEqualTo(Kind.NOT_READY);
    assertThat(
            RedisRoundTrip.kind(
                new JedisAccessControlException(
                    "WRONGPASS invalid username-password pair or user is disabled.")))
        .isEqualTo(Kind.REJECTED);
    assertThat(RedisRoundTrip.kind(new JedisDataException("NOAUTH Authentication required.")))
        .isEqualTo(Kind.REJECTED);
    assertThat(
            RedisRoundTrip.kind(
                new JedisConnectionException(
                    "Failed to connect", new ConnectException("Connection refused"))))
        .isEqualTo(Kind.UNREACHABLE);
  }

  @Test
  void cassandraStillSettingUpAuthIsNotReadyAndWrongCredentialsAreRejected() {
    assertThat(
            CassandraRoundTrip.kind(
                new AuthenticationException(
                    NODE,
                    "Unable to perform authentication: Cannot achieve consistency level LOCAL_ONE")))
        .isEqualTo(Kind.NOT_READY);
    assertThat(
            CassandraRoundTrip.kind(
                new AuthenticationException(
                    NODE, "Provided username cassandra and/or password are incorrect")))
        .isEqualTo(Kind.REJECTED);
    assertThat(CassandraRoundTrip.kind(new ConnectException("Connection refused")))
        .isEqualTo(Kind.UNREACHABLE);
  }
}

package io.testlanes.internal.backend;

import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/** Redis's readiness round trip; needs Jedis. */
final class RedisRoundTrip {
  private RedisRoundTrip() {}

  /**
   * What a failure says: {@code LOADING} (the dataset is being loaded) is not ready yet; {@code
   * WRONGPASS}, {@code NOAUTH}, {@code NOPERM} and an {@code AUTH} the server does not expect are
   * rejected credentials; anything else, such as a refused connection, is unreachable.
   */
  static RoundTripException.Kind kind(Exception failure) {
    for (Throwable t : RoundTrips.chain(failure)) {
      String m = String.valueOf(t.getMessage());
      if (m.startsWith("LOADING")) {
        return RoundTripException.Kind.NOT_READY;
      }
      if (t instanceof JedisAccessControlException
          || m.startsWith("WRONGPASS")
          || m.startsWith("NOAUTH")
          || m.startsWith("NOPERM")
          || m.startsWith("ERR AUTH")
          || m.contains("invalid password")) {
        return RoundTripException.Kind.REJECTED;
      }
    }
    return RoundTripException.Kind.UNREACHABLE;
  }

  /** {@code PING} (after {@code AUTH}); returns the server's number of logical databases. */
  static int ping(ServiceEndpoint e) {
    DefaultJedisClientConfig.Builder cfg =
        DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000);
    if (!e.password().isEmpty()) {
      cfg.password(e.password());
      if (!e.user().isEmpty()) {
        cfg.user(e.user());
      }
    }
    try (Jedis j = new Jedis(new HostAndPort(e.host(), e.port()), cfg.build())) {
      String pong = j.ping();
      if (!"PONG".equals(pong)) {
        throw new IllegalStateException("PING answered " + pong);
      }
      try {
        Map<String, String> dbs = j.configGet("databases");
        String n = dbs.get("databases");
        if (n != null) {
          return Integer.parseInt(n);
        }
      } catch (RuntimeException configDisabled) {
        // CONFIG may be renamed or disabled on managed servers: probe with SELECT below
      }
      int n = 16;
      while (n < 4096) {
        try {
          j.select(n);
          n *= 2;
        } catch (RuntimeException outOfRange) {
          break;
        }
      }
      j.select(0);
      return n;
    }
  }
}

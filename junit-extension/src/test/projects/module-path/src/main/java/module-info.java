/** A small application on Redis, tested with testlanes on the module path. */
module io.testlanes.it.modulepath {
  requires redis.clients.jedis;
  requires org.slf4j;
  requires io.testlanes.core;
  requires io.testlanes.junit;

  exports io.testlanes.it.modulepath;
}

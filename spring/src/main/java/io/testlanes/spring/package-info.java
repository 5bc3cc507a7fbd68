/**
 * testlanes for Spring Boot tests: add {@code testlanes-spring} and put {@code @TestLanes} on a
 * {@code @SpringBootTest} class (or its base class); its application context talks to the class's
 * lane. Nothing here is API: Spring finds the module through {@code META-INF/spring.factories} and
 * the JUnit side through {@code META-INF/services}.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>The lane is part of the context cache key.</b> A {@code ContextCustomizerFactory} runs
 *       when Spring builds a test class's {@code MergedContextConfiguration} (before any context is
 *       looked up or loaded). It leases the class's lane through the JUnit extension's {@code
 *       ClassLane} and returns a {@code ContextCustomizer} whose {@code equals}/{@code hashCode}
 *       are the lane's endpoints (database URL, keyspace, Redis database, contact point). So one
 *       configuration has at most one cached context per lane, and two classes share a context only
 *       when they share the configuration and the lane.
 *   <li><b>One lease per class, whichever extension runs first.</b> Spring's extension may run
 *       before or after testlanes' one. The testlanes extension registers every running class in
 *       its execution condition (JUnit's first callback for a class), so the factory finds the
 *       class's JUnit context by the test class and leases into that class's store: the lease is
 *       released when the class ends, also when it fails. A {@code @Nested} class shares its
 *       outermost class's lane, so it gets the same cache key and context. The lane is pinned:
 *       methods of such a class must not run concurrently (a test that would fails with the fix).
 *   <li><b>Lane affinity.</b> Before leasing, the factory builds the class's configuration without
 *       the lane (the same bootstrapper, with itself switched off for that call): the key of the
 *       contexts this configuration already has, by lane. It asks for one of those lanes ({@code
 *       LeaseRequest.preferring}), so a free lane with a context wins and the context is reused
 *       instead of built. Closed contexts (evicted from the cache, {@code @DirtiesContext}) leave
 *       that registry. Each class reports whether its context was created or reused; the run report
 *       counts them per configuration.
 *   <li><b>Connection details, as {@code @ServiceConnection} does.</b> The customizer registers
 *       primary {@code JdbcConnectionDetails}, {@code RedisConnectionDetails} ({@code
 *       DataRedisConnectionDetails} in Boot 4) and {@code CassandraConnectionDetails} beans for the
 *       lane's services (and sets {@code spring.cassandra.keyspace-name}, which Boot keeps outside
 *       the connection details). Boot 4 moved these interfaces to other packages and renamed the
 *       Redis one, so they are implemented twice, in two small source roots ({@code src/boot3},
 *       {@code src/boot4}) each compiled against its Boot version's real interfaces and both
 *       shipped in this jar; the one matching the classpath is picked at run time by class
 *       presence. The JDBC bean carries Boot's test-connection marker, so {@code @DataJpaTest} and
 *       {@code @JdbcTest} keep the lane's database instead of replacing it with an embedded one.
 *   <li><b>Safety net.</b> Before each test, a test execution listener compares the endpoints of
 *       the context's connection details (and, once per context, the {@code DataSource}'s real URL)
 *       with the lane the class holds; a mismatch fails the test naming both. The same listener
 *       takes the lane's reset step for the test before Spring's {@code @Sql} scripts and test
 *       transactions, whether Spring's extension runs before testlanes' one or after.
 *   <li><b>Schema from the application.</b> {@code SpringConfigDefaults} reads the application's
 *       configuration (its {@code application.properties}/{@code .yml}, as Spring Boot loads them)
 *       and names the template's schema: {@code spring.flyway.locations}, {@code
 *       spring.liquibase.change-log} or the {@code spring.sql.init} scripts (mode {@code always}),
 *       unless testlanes keys name them. When a context starts on a lane, Flyway and Liquibase find
 *       everything applied and do nothing; the {@code spring.sql.init} scripts, which are not
 *       idempotent, are switched off. A context whose migrations the template lacks fails before it
 *       touches the lane.
 * </ul>
 */
@NullMarked
package io.testlanes.spring;

import org.jspecify.annotations.NullMarked;

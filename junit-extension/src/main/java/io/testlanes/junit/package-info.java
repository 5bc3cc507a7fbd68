/**
 * The testlanes JUnit Jupiter extension: put {@link io.testlanes.junit.TestLanes} on a test class
 * and ask for a {@code DataSource}, {@code CqlSession}, {@code JedisPooled} or {@link
 * io.testlanes.Lane} parameter.
 */
@NullMarked
package io.testlanes.junit;

import org.jspecify.annotations.NullMarked;

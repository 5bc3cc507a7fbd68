/**
 * testlanes: parallel integration tests on real PostgreSQL, Redis and Cassandra. Services start
 * once per run; each parallel worker gets a {@link io.testlanes.Lane} of its own.
 */
@NullMarked
package io.testlanes;

import org.jspecify.annotations.NullMarked;

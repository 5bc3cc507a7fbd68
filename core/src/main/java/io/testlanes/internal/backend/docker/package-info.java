/**
 * Internal: the docker backend, which starts PostgreSQL, Redis and Cassandra as Docker containers
 * through Testcontainers (an optional dependency). Not API, may change in any release.
 */
@NullMarked
package io.testlanes.internal.backend.docker;

import org.jspecify.annotations.NullMarked;

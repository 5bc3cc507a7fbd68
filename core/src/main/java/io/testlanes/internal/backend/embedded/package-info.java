/**
 * Internal: the embedded backend, which runs PostgreSQL, Redis and Cassandra as child processes
 * from binaries in Maven artifacts (or from the machine). Not API, may change in any release.
 */
@NullMarked
package io.testlanes.internal.backend.embedded;

import org.jspecify.annotations.NullMarked;

/**
 * Internal: testlanes' own logging, through slf4j when it has a logging backend in this JVM and
 * through {@link java.lang.System.Logger} when it has none. Not API.
 */
@NullMarked
package io.testlanes.internal.log;

import org.jspecify.annotations.NullMarked;

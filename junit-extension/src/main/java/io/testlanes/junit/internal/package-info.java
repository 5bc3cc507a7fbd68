/** Internal: the extension's run state, lane holders and client caches. Not API. */
@NullMarked
package io.testlanes.junit.internal;

import org.jspecify.annotations.NullMarked;

/** Internal: not API, may change in any release. */
@NullMarked
package io.testlanes.internal.backend;

import org.jspecify.annotations.NullMarked;

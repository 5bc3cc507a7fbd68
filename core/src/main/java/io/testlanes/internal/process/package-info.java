/** Internal: not API, may change in any release. */
@NullMarked
package io.testlanes.internal.process;

import org.jspecify.annotations.NullMarked;

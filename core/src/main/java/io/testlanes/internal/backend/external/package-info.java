/** Internal: the external backend, which starts nothing and uses servers given by configuration. */
@NullMarked
package io.testlanes.internal.backend.external;

import org.jspecify.annotations.NullMarked;

/** Internal: the {@code testlanes} command line (up, status, down). */
@NullMarked
package io.testlanes.internal.cli;

import org.jspecify.annotations.NullMarked;

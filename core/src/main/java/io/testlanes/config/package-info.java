/** Configuration keys and the parsed, immutable settings of a run. */
@NullMarked
package io.testlanes.config;

import org.jspecify.annotations.NullMarked;

/** The small JSON codec testlanes' modules share; support, not an API for users. */
@NullMarked
package io.testlanes.json;

import org.jspecify.annotations.NullMarked;

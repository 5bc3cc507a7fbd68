/** Internal: the Spring module's customizer, listener, registries and Boot adapters. Not API. */
@NullMarked
package io.testlanes.spring.internal;

import org.jspecify.annotations.NullMarked;

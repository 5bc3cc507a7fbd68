/**
 * Internal: what a JUnit test plan asks of testlanes: its settings as JUnit sees them, and whether
 * it holds {@code @TestLanes} classes. Used by the extension, the listeners and the shard filter.
 */
@NullMarked
package io.testlanes.junit.internal.plan;

import org.jspecify.annotations.NullMarked;

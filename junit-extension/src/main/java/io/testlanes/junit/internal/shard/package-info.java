/** Splitting a run's test classes across CI nodes by their recorded timings. */
@NullMarked
package io.testlanes.junit.internal.shard;

import org.jspecify.annotations.NullMarked;

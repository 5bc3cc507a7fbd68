package io.testlanes.junit.internal.report;

import org.jspecify.annotations.Nullable;

/**
 * One test class (outer or nested) that got an application context: of which configuration, in
 * which lane, and whether the context was created for it or reused from the cache.
 */
record ContextRecord(
    String className, String configuration, @Nullable String lane, boolean created) {}

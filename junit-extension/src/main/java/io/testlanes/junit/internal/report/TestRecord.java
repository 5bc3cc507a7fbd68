package io.testlanes.junit.internal.report;

import org.jspecify.annotations.Nullable;

/**
 * One test as it ran: its top-level class, display name, lane ({@code null} when no lane was
 * reported), JVM, start and end (epoch milliseconds) and outcome.
 */
record TestRecord(
    String className,
    String name,
    @Nullable String lane,
    long pid,
    long start,
    long end,
    Outcome outcome) {}

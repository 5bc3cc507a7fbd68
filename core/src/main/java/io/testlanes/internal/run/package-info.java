/**
 * Internal: one run's services shared by every JVM of the run (the service host, the clients that
 * attach to it) and lane leases. Not API.
 */
@NullMarked
package io.testlanes.internal.run;

import org.jspecify.annotations.NullMarked;

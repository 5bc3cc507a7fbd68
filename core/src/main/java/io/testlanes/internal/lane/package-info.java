/**
 * Internal: not API, may change in any release.
 *
 * <p>Lanes: one small isolation strategy per store ({@link
 * io.testlanes.internal.lane.StoreIsolation}) and a facade ({@link
 * io.testlanes.internal.lane.Lanes}) that prepares, resets and drops a lane on every store of the
 * run at once.
 */
@NullMarked
package io.testlanes.internal.lane;

import org.jspecify.annotations.NullMarked;

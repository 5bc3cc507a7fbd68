/** The order-event timeline, customer activity, counters and product views in Cassandra. */
@NullMarked
package io.testlanes.examples.shop.timeline;

import org.jspecify.annotations.NullMarked;

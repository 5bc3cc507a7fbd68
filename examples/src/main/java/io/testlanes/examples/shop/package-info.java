/**
 * A small shop on three stores: customers, products, stock and orders in PostgreSQL; carts,
 * sessions, rate limits and idempotency keys in Redis; the order timeline and customer activity in
 * Cassandra. {@link io.testlanes.examples.shop.Shop} wires a checkout across them.
 */
@NullMarked
package io.testlanes.examples.shop;

import org.jspecify.annotations.NullMarked;

/**
 * A small Spring Boot shop on PostgreSQL (JDBC, Flyway), Redis (Spring Data Redis) and Cassandra
 * (Spring Data Cassandra's session): products and orders, carts, and an order timeline, with a REST
 * API. Its tests are written the usual Spring way, with the usual fixed ids and counts.
 */
@NullMarked
package io.testlanes.examples.springshop;

import org.jspecify.annotations.NullMarked;

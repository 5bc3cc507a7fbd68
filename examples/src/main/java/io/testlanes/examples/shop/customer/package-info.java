/** Customers in PostgreSQL. */
@NullMarked
package io.testlanes.examples.shop.customer;

import org.jspecify.annotations.NullMarked;

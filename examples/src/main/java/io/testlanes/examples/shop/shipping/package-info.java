/** Where the shop ships to and what it costs: reference rows in PostgreSQL. */
@NullMarked
package io.testlanes.examples.shop.shipping;

import org.jspecify.annotations.NullMarked;

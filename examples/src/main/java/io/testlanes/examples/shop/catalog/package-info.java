/** Products and their stock in PostgreSQL. */
@NullMarked
package io.testlanes.examples.shop.catalog;

import org.jspecify.annotations.NullMarked;

/** Small JDBC helpers: transactions and the translation of SQL errors. */
@NullMarked
package io.testlanes.examples.shop.jdbc;

import org.jspecify.annotations.NullMarked;

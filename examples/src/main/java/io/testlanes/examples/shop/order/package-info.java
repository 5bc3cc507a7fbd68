/** Orders, order lines, coupons and sales reports in PostgreSQL. */
@NullMarked
package io.testlanes.examples.shop.order;

import org.jspecify.annotations.NullMarked;

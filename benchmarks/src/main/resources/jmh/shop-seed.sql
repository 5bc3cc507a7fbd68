-- A few hundred seed rows in three tables of the examples' schema, for the reset benchmarks
-- (LaneBenchmarks) and core's LaneMeasurements.
INSERT INTO customers (email, name) SELECT 'customer' || i || '@example.com', 'Customer ' || i FROM generate_series(1, 100) i;
INSERT INTO products (sku, name, price_cents) SELECT 'SKU-' || i, 'Product ' || i, 100 * i FROM generate_series(1, 200) i;
INSERT INTO coupons (code, percent_off, max_redemptions) SELECT 'COUPON' || i, 1 + i % 50, 10 FROM generate_series(1, 50) i;

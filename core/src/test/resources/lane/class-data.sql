-- A test class's own data, applied after a reset.
INSERT INTO currencies (code, name) VALUES ('JPY', 'Yen');
UPDATE products SET title = 'Class title' WHERE sku = 'seed-1';

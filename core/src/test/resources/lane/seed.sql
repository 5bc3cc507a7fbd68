-- Seed rows, as migrations often insert them: reference data, a first customer, a sequence in use.
CREATE TABLE currencies (code text PRIMARY KEY, name text NOT NULL);
INSERT INTO currencies (code, name) VALUES ('CHF', 'Swiss franc'), ('EUR', 'Euro'), ('USD', 'US dollar');

INSERT INTO products (sku, title, price_cents) VALUES ('seed-1', 'Seed one', 100), ('seed-2', 'Seed two', 200);
INSERT INTO customers (email, name) VALUES ('first@example.com', 'First');

CREATE SEQUENCE invoice_numbers START 1000;
SELECT nextval('invoice_numbers');

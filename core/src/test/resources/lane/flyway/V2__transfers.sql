-- Flyway migration 2 of the lane tests.
CREATE TABLE transfers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  amount numeric(12, 2) NOT NULL
);

-- A migration that fails.
CREATE TABLE broken (id bigint, amount nonsense_type);

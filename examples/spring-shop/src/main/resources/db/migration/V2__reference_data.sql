-- Reference rows every environment has: the shop cannot price a product without them.
INSERT INTO currencies (code, symbol, decimals) VALUES
  ('EUR', '€', 2), ('CHF', 'CHF', 2), ('JPY', '¥', 0), ('USD', '$', 2);

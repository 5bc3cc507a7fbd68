-- IslandShippingTest's own data, on top of the schema's reference rows: a fourth zone.
INSERT INTO shipping_zones (code, name, rate_cents, free_from_cents)
  VALUES ('ISLANDS', 'Remote islands', 2490, NULL);
INSERT INTO countries (code, name, zone) VALUES
  ('FO', 'Faroe Islands', 'ISLANDS'),
  ('GL', 'Greenland', 'ISLANDS'),
  ('IS', 'Iceland', 'ISLANDS');

-- A second script: changes the schema's hash.
CREATE TABLE extra (id int PRIMARY KEY);

-- Schema of the extension's tests: one table each test writes the same row into.
CREATE TABLE notes (
  id    integer PRIMARY KEY,
  owner text NOT NULL
);
CREATE TABLE events (
  id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner text NOT NULL
);
-- Reference rows, as migrations insert them: every reset brings them back.
CREATE TABLE kinds (
  id   integer PRIMARY KEY,
  name text NOT NULL
);
INSERT INTO kinds (id, name) VALUES (1, 'book'), (2, 'game'), (3, 'tool');

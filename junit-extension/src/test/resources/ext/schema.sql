-- Schema of the extension's tests: one table each test writes the same row into.
CREATE TABLE notes (
  id    integer PRIMARY KEY,
  owner text NOT NULL
);
CREATE TABLE events (
  id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner text NOT NULL
);

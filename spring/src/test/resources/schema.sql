CREATE TABLE notes (
  id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner text NOT NULL,
  body  text NOT NULL
);
CREATE TABLE tags (
  name text PRIMARY KEY
);

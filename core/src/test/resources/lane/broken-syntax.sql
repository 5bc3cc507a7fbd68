-- A script with a typo in the middle of a statement.
CREATE TABLE fine_one (id int);

CREATE TABLE broken_one (
  id int,
  name txet NOT NULL
);

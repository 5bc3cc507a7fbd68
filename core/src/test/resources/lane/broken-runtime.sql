CREATE TABLE fine_two (id int);
-- An error the database only finds when it runs the statement (no position in the message).
INSERT INTO fine_two
  SELECT 1 / 0;

-- A script written for a real database: its own schema, found through the database's search_path.
CREATE SCHEMA shop;
ALTER DATABASE shop SET search_path = shop, public;
SET search_path = shop, public;

CREATE TABLE items (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
INSERT INTO items (name) VALUES ('seed');
CREATE TABLE public.notes (id serial PRIMARY KEY, body text);
CREATE TABLE shop.item_notes (item_id int REFERENCES shop.items (id), note_id int REFERENCES public.notes (id));

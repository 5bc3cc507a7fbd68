-- A test class's own data (DataScriptsTest): two kinds more, and a note.
INSERT INTO kinds (id, name) VALUES (20, 'lamp'), (21, 'desk');
INSERT INTO notes (id, owner) VALUES (20, 'fixture');

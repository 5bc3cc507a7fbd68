INSERT INTO tags (name) VALUES ('work'), ('home'), ('later');

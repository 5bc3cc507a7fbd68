--liquibase formatted sql

--changeset testlanes:2
INSERT INTO currencies (code, name) VALUES ('EUR', 'Euro'), ('CHF', 'Swiss franc');

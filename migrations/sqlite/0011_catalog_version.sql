-- The catalog's version: every change to what catalog pages show (a record added, edited or
-- deleted, a copy lent or returned) moves it, in the same transaction as the change. Servers
-- keep strangers' catalog pages and rarely changing rows in memory while it stays the same
-- (app/src/server/catalog_version.rs), reading it at most once a second, and at once after a
-- write of their own.
CREATE TABLE catalog_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 1);
CREATE TRIGGER books_insert_moves_version AFTER INSERT ON books
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER books_update_moves_version AFTER UPDATE ON books
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER books_delete_moves_version AFTER DELETE ON books
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER authors_insert_moves_version AFTER INSERT ON authors
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER authors_update_moves_version AFTER UPDATE ON authors
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER authors_delete_moves_version AFTER DELETE ON authors
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER genres_insert_moves_version AFTER INSERT ON genres
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER genres_update_moves_version AFTER UPDATE ON genres
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER genres_delete_moves_version AFTER DELETE ON genres
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER languages_insert_moves_version AFTER INSERT ON languages
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER languages_update_moves_version AFTER UPDATE ON languages
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER languages_delete_moves_version AFTER DELETE ON languages
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER book_genres_insert_moves_version AFTER INSERT ON book_genres
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER book_genres_update_moves_version AFTER UPDATE ON book_genres
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER book_genres_delete_moves_version AFTER DELETE ON book_genres
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER book_instances_insert_moves_version AFTER INSERT ON book_instances
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER book_instances_update_moves_version AFTER UPDATE ON book_instances
BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER book_instances_delete_moves_version AFTER DELETE ON book_instances
BEGIN UPDATE catalog_version SET version = version + 1; END;

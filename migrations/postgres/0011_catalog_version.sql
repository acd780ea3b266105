-- The catalog's version: every change to what catalog pages show (a record added, edited or
-- deleted, a copy lent or returned) moves it, in the same transaction as the change. Servers
-- keep strangers' catalog pages and rarely changing rows in memory while it stays the same
-- (app/src/server/catalog_version.rs), reading it at most once a second, and at once after a
-- write of their own.
CREATE TABLE catalog_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 1);

-- Once per statement, not per row: a bulk seed moves it once.
CREATE FUNCTION catalog_version_moves() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_version SET version = version + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER books_moves_version AFTER INSERT OR UPDATE OR DELETE ON books
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_moves();
CREATE TRIGGER authors_moves_version AFTER INSERT OR UPDATE OR DELETE ON authors
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_moves();
CREATE TRIGGER genres_moves_version AFTER INSERT OR UPDATE OR DELETE ON genres
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_moves();
CREATE TRIGGER languages_moves_version AFTER INSERT OR UPDATE OR DELETE ON languages
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_moves();
CREATE TRIGGER book_genres_moves_version AFTER INSERT OR UPDATE OR DELETE ON book_genres
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_moves();
CREATE TRIGGER book_instances_moves_version AFTER INSERT OR UPDATE OR DELETE ON book_instances
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_moves();

-- The home page's record counts, kept current by triggers: one row read instead of five scans
-- of the catalog on every visit, and right for every server sharing the database.
CREATE TABLE catalog_counts (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    books            BIGINT NOT NULL,
    copies           BIGINT NOT NULL,
    copies_available BIGINT NOT NULL,
    authors          BIGINT NOT NULL,
    genres           BIGINT NOT NULL
);
INSERT INTO catalog_counts (id, books, copies, copies_available, authors, genres)
SELECT 1,
       (SELECT COUNT(*) FROM books),
       (SELECT COUNT(*) FROM book_instances),
       (SELECT COUNT(*) FROM book_instances WHERE status = 'a'),
       (SELECT COUNT(*) FROM authors),
       (SELECT COUNT(*) FROM genres);

-- One function for every counted table; TG_TABLE_NAME says which count moves.
CREATE FUNCTION catalog_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta BIGINT := CASE TG_OP WHEN 'INSERT' THEN 1 WHEN 'DELETE' THEN -1 ELSE 0 END;
    available BIGINT := 0;
BEGIN
    IF TG_TABLE_NAME = 'book_instances' THEN
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'a' THEN available := available + 1; END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.status = 'a' THEN available := available - 1; END IF;
        UPDATE catalog_counts SET copies = copies + delta, copies_available = copies_available + available;
    ELSIF TG_TABLE_NAME = 'books' THEN
        UPDATE catalog_counts SET books = books + delta;
    ELSIF TG_TABLE_NAME = 'authors' THEN
        UPDATE catalog_counts SET authors = authors + delta;
    ELSIF TG_TABLE_NAME = 'genres' THEN
        UPDATE catalog_counts SET genres = genres + delta;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER books_counted AFTER INSERT OR DELETE ON books
    FOR EACH ROW EXECUTE FUNCTION catalog_counts_follow();
CREATE TRIGGER authors_counted AFTER INSERT OR DELETE ON authors
    FOR EACH ROW EXECUTE FUNCTION catalog_counts_follow();
CREATE TRIGGER genres_counted AFTER INSERT OR DELETE ON genres
    FOR EACH ROW EXECUTE FUNCTION catalog_counts_follow();
CREATE TRIGGER copies_counted AFTER INSERT OR DELETE OR UPDATE OF status ON book_instances
    FOR EACH ROW EXECUTE FUNCTION catalog_counts_follow();

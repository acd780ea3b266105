-- The home page's record counts, kept current by triggers: one row read instead of five scans
-- of the catalog on every visit, and right for every server and process sharing the database.
CREATE TABLE catalog_counts (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    books            INTEGER NOT NULL,
    copies           INTEGER NOT NULL,
    copies_available INTEGER NOT NULL,
    authors          INTEGER NOT NULL,
    genres           INTEGER NOT NULL
);
INSERT INTO catalog_counts (id, books, copies, copies_available, authors, genres)
SELECT 1,
       (SELECT COUNT(*) FROM books),
       (SELECT COUNT(*) FROM book_instances),
       (SELECT COUNT(*) FROM book_instances WHERE status = 'a'),
       (SELECT COUNT(*) FROM authors),
       (SELECT COUNT(*) FROM genres);

CREATE TRIGGER books_counted AFTER INSERT ON books
BEGIN UPDATE catalog_counts SET books = books + 1; END;
CREATE TRIGGER books_uncounted AFTER DELETE ON books
BEGIN UPDATE catalog_counts SET books = books - 1; END;

CREATE TRIGGER authors_counted AFTER INSERT ON authors
BEGIN UPDATE catalog_counts SET authors = authors + 1; END;
CREATE TRIGGER authors_uncounted AFTER DELETE ON authors
BEGIN UPDATE catalog_counts SET authors = authors - 1; END;

CREATE TRIGGER genres_counted AFTER INSERT ON genres
BEGIN UPDATE catalog_counts SET genres = genres + 1; END;
CREATE TRIGGER genres_uncounted AFTER DELETE ON genres
BEGIN UPDATE catalog_counts SET genres = genres - 1; END;

CREATE TRIGGER copies_counted AFTER INSERT ON book_instances
BEGIN
    UPDATE catalog_counts
       SET copies = copies + 1, copies_available = copies_available + (NEW.status = 'a');
END;
CREATE TRIGGER copies_uncounted AFTER DELETE ON book_instances
BEGIN
    UPDATE catalog_counts
       SET copies = copies - 1, copies_available = copies_available - (OLD.status = 'a');
END;
CREATE TRIGGER copies_recounted AFTER UPDATE OF status ON book_instances
BEGIN
    UPDATE catalog_counts
       SET copies_available = copies_available + (NEW.status = 'a') - (OLD.status = 'a');
END;

-- How many books and how many authors hold each term of the vocabulary (issue 26), kept by
-- triggers on the postings tables, so every way postings come and go (an edit, a record's
-- cascading delete, a rebuild) keeps them right in the same transaction. A search for one
-- word that stands for one term reads its total here instead of counting the term's
-- postings: 0.65 ms for 7 000 books of 100 000, the longest statement of such a search.
--
-- Every catalog edit takes the one `catalog_version` row (0011) before it writes index rows,
-- so edits already run one after another: the counts add no waiting, and two edits never hold
-- counts the other wants. Each statement still writes its counts in term order. The counts
-- follow INSERT and DELETE only: postings are never updated in place, and only a rebuild
-- truncates them (and writes the counts anew).
ALTER TABLE search_terms
    ADD COLUMN book_count   BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN author_count BIGINT NOT NULL DEFAULT 0;

-- Postings whose term the vocabulary lacks (never so far) get their term here too.
INSERT INTO search_terms AS s (term, book_count)
SELECT term, COUNT(*) FROM book_postings GROUP BY term ORDER BY term
ON CONFLICT (term) DO UPDATE SET book_count = excluded.book_count;
INSERT INTO search_terms AS s (term, author_count)
SELECT term, COUNT(*) FROM author_postings GROUP BY term ORDER BY term
ON CONFLICT (term) DO UPDATE SET author_count = excluded.author_count;

CREATE FUNCTION book_terms_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_terms AS s (term, book_count)
    SELECT term, COUNT(*) FROM added GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE SET book_count = s.book_count + excluded.book_count;
    RETURN NULL;
END $$;
CREATE FUNCTION book_terms_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_terms AS s (term, book_count)
    SELECT term, -COUNT(*) FROM removed GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE SET book_count = s.book_count + excluded.book_count;
    RETURN NULL;
END $$;
CREATE FUNCTION author_terms_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_terms AS s (term, author_count)
    SELECT term, COUNT(*) FROM added GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE SET author_count = s.author_count + excluded.author_count;
    RETURN NULL;
END $$;
CREATE FUNCTION author_terms_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_terms AS s (term, author_count)
    SELECT term, -COUNT(*) FROM removed GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE SET author_count = s.author_count + excluded.author_count;
    RETURN NULL;
END $$;

CREATE TRIGGER book_terms_added AFTER INSERT ON book_postings
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION book_terms_added();
CREATE TRIGGER book_terms_removed AFTER DELETE ON book_postings
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION book_terms_removed();
CREATE TRIGGER author_terms_added AFTER INSERT ON author_postings
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION author_terms_added();
CREATE TRIGGER author_terms_removed AFTER DELETE ON author_postings
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION author_terms_removed();

-- Search (issue 26): full-text indexes of books and authors over the terms of
-- app/src/search/analyze.rs (folded, stemmed), as `tsvector`s the server builds itself: each
-- lexeme is tagged with its field (`t.hobbit`: title), so a query names its fields without
-- weights and the GIN index answers without rechecking rows. Written with every edit in the
-- edit's transaction; built by the server right after migrating whenever `search_index_state`
-- is behind its rules (so also now, for a database with books written before this migration).
ALTER TABLE books DROP COLUMN search_key;

CREATE TABLE book_search (
    book_id  BIGINT PRIMARY KEY REFERENCES books (id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
-- No pending list (fastupdate): after a bulk load it made every search scan it first
-- (5 ms at 100 000 books); the catalog is edited rarely and read often.
CREATE INDEX book_search_document_idx ON book_search USING GIN (document) WITH (fastupdate = off);

CREATE TABLE author_search (
    author_id BIGINT PRIMARY KEY REFERENCES authors (id) ON DELETE CASCADE,
    document  TSVECTOR NOT NULL
);
CREATE INDEX author_search_document_idx ON author_search USING GIN (document) WITH (fastupdate = off);

-- Byte order ("C"), as in SQLite, so prefix ranges and their order are the same on both.
CREATE TABLE search_terms (term TEXT COLLATE "C" PRIMARY KEY);
CREATE TABLE search_typos (
    variant TEXT COLLATE "C" NOT NULL,
    term    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (variant, term)
);

CREATE TABLE search_index_state (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    analyzer_version BIGINT NOT NULL
);
INSERT INTO search_index_state (id, analyzer_version) VALUES (1, 0);

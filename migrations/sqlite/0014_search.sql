-- Search (issue 26): FTS5 indexes of books and authors over the terms of app/src/search/analyze.rs
-- (folded, stemmed), which the server writes with every edit, in the edit's transaction. Built
-- by the server right after migrating, whenever `search_index_state` is behind its rules (so
-- also now, for a database with books written before this migration).
-- Contentless (the text is in `books` and `authors`), with deletes; the `ascii` tokenizer keeps
-- each term whole; `detail=column` is enough for column filters, and smaller than `full`.
ALTER TABLE books DROP COLUMN search_key;

CREATE VIRTUAL TABLE book_fts USING fts5(
    title, author, summary, isbn,
    content = '', contentless_delete = 1, detail = column, tokenize = 'ascii'
);
CREATE VIRTUAL TABLE author_fts USING fts5(
    name,
    content = '', contentless_delete = 1, detail = column, tokenize = 'ascii'
);

-- Every indexed term (prefixes expand over it), and every term under each one-letter deletion
-- of it (typos are looked up there): see app/src/search/typos.rs.
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE search_typos (
    variant TEXT NOT NULL,
    term    TEXT NOT NULL,
    PRIMARY KEY (variant, term)
) WITHOUT ROWID;

-- The analysis rules the indexes were built with; 0 means never built.
CREATE TABLE search_index_state (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    analyzer_version INTEGER NOT NULL
);
INSERT INTO search_index_state (id, analyzer_version) VALUES (1, 0);

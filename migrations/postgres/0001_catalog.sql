-- The LocalLibrary catalog on PostgreSQL: the same tables as migrations/sqlite, with BIGINT ids.
CREATE TABLE genres (
    id   BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200)
);
-- Case-insensitive like SQLite's COLLATE NOCASE.
CREATE UNIQUE INDEX genres_name_lower_idx ON genres (lower(name));

CREATE TABLE languages (
    id   BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX languages_name_lower_idx ON languages (lower(name));

CREATE TABLE authors (
    id            BIGSERIAL PRIMARY KEY,
    first_name    TEXT NOT NULL CHECK (length(first_name) <= 100),
    last_name     TEXT NOT NULL CHECK (length(last_name) <= 100),
    date_of_birth TEXT,
    date_of_death TEXT
);
CREATE INDEX authors_name_idx ON authors (last_name, first_name);

CREATE TABLE books (
    id          BIGSERIAL PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    author_id   BIGINT REFERENCES authors (id) ON DELETE SET NULL,
    summary     TEXT NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
    isbn        TEXT NOT NULL UNIQUE CHECK (length(isbn) = 13),
    language_id BIGINT REFERENCES languages (id) ON DELETE SET NULL,
    search_key  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX books_title_idx ON books (title, author_id);
CREATE INDEX books_author_idx ON books (author_id);
CREATE INDEX books_language_idx ON books (language_id);

CREATE TABLE book_genres (
    book_id  BIGINT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    genre_id BIGINT NOT NULL REFERENCES genres (id) ON DELETE CASCADE,
    PRIMARY KEY (book_id, genre_id)
);
CREATE INDEX book_genres_genre_idx ON book_genres (genre_id, book_id);

CREATE TABLE book_instances (
    id       TEXT PRIMARY KEY CHECK (length(id) = 36),
    book_id  BIGINT NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    imprint  TEXT NOT NULL CHECK (length(imprint) <= 200),
    due_back TEXT,
    status   TEXT NOT NULL DEFAULT 'd' CHECK (status IN ('d', 'o', 'a', 'r'))
);
CREATE INDEX book_instances_book_idx ON book_instances (book_id);
CREATE INDEX book_instances_due_idx ON book_instances (due_back NULLS FIRST, id);
CREATE INDEX book_instances_status_idx ON book_instances (status);

-- The LocalLibrary catalog, as in the Django tutorial's models.
CREATE TABLE genres (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 200)
);

CREATE TABLE languages (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 200)
);

CREATE TABLE authors (
    id            INTEGER PRIMARY KEY,
    first_name    TEXT NOT NULL CHECK (length(first_name) <= 100),
    last_name     TEXT NOT NULL CHECK (length(last_name) <= 100),
    date_of_birth TEXT,
    date_of_death TEXT
);
-- Author list ordering: last name, then first name.
CREATE INDEX authors_name_idx ON authors (last_name, first_name);

CREATE TABLE books (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    author_id   INTEGER REFERENCES authors (id) ON DELETE SET NULL,
    summary     TEXT NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
    isbn        TEXT NOT NULL UNIQUE CHECK (length(isbn) = 13),
    language_id INTEGER REFERENCES languages (id) ON DELETE SET NULL,
    -- Unicode-lowercased "title author" for case-insensitive search (SQLite's lower() is ASCII-only).
    search_key  TEXT NOT NULL DEFAULT ''
);
-- Book list ordering (title, then author) and the author / language detail pages.
CREATE INDEX books_title_idx ON books (title, author_id);
CREATE INDEX books_author_idx ON books (author_id);
CREATE INDEX books_language_idx ON books (language_id);

CREATE TABLE book_genres (
    book_id  INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    genre_id INTEGER NOT NULL REFERENCES genres (id) ON DELETE CASCADE,
    PRIMARY KEY (book_id, genre_id)
) WITHOUT ROWID;
-- Genre detail page: the books of one genre.
CREATE INDEX book_genres_genre_idx ON book_genres (genre_id, book_id);

CREATE TABLE book_instances (
    id       TEXT PRIMARY KEY CHECK (length(id) = 36),
    book_id  INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    imprint  TEXT NOT NULL CHECK (length(imprint) <= 200),
    due_back TEXT,
    -- d: maintenance, o: on loan, a: available, r: reserved
    status   TEXT NOT NULL DEFAULT 'd' CHECK (status IN ('d', 'o', 'a', 'r'))
);
-- Book detail page (copies of one book), the copy list (by due date) and the home page counts.
CREATE INDEX book_instances_book_idx ON book_instances (book_id);
CREATE INDEX book_instances_due_idx ON book_instances (due_back, id);
CREATE INDEX book_instances_status_idx ON book_instances (status);

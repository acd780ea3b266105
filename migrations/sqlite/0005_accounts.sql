-- Accounts that log in (the part of Django's auth_user this site uses). Usernames are unique
-- without case: `username_key` is the lower-cased name, made by the application.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,
    email         TEXT    NOT NULL DEFAULT '',
    email_key     TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    is_librarian  INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    last_login    INTEGER
);
-- Password resets look users up by email.
CREATE INDEX users_by_email ON users (email_key);

-- One row per logged-in session: the session holds `token`, and is logged in while the row
-- exists, so deleting rows signs devices out whatever the session engine.
CREATE TABLE sign_ins (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    token          TEXT    NOT NULL UNIQUE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    signed_in_at   INTEGER NOT NULL,
    last_seen      INTEGER NOT NULL,
    user_agent     TEXT    NOT NULL,
    client_address TEXT    NOT NULL
);
-- The devices page lists a user's sign-ins, most recently seen first.
CREATE INDEX sign_ins_by_user ON sign_ins (user_id, last_seen);
-- Expired sign-ins are cleaned by age.
CREATE INDEX sign_ins_by_last_seen ON sign_ins (last_seen);

-- Password-reset links: only a SHA-256 of each token is stored.
CREATE TABLE password_resets (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX password_resets_by_expiry ON password_resets (expires_at);

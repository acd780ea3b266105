-- Visitors who registered their name and email (the seed's UserProfile).
CREATE TABLE user_profiles (
    id         INTEGER PRIMARY KEY,
    -- Stored lower-cased, so UNIQUE is case-insensitive in effect.
    email      TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    name       TEXT NOT NULL CHECK (length(name) >= 1),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

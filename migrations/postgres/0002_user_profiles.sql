-- Visitors who registered their name and email (the seed's UserProfile).
CREATE TABLE user_profiles (
    id         BIGSERIAL PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    name       TEXT NOT NULL CHECK (length(name) >= 1),
    created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    updated_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

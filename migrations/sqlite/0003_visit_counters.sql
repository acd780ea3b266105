-- Home-page visit counts live outside the session blob: one atomic UPSERT per visit, so
-- concurrent requests with the same cookie (or on several servers sharing the database) never
-- overwrite each other's increments the way a read-modify-write of the whole session does.
CREATE TABLE visit_counters (
    -- A random key stored in the session; it survives session-id rotation.
    visitor_key TEXT PRIMARY KEY NOT NULL,
    visits INTEGER NOT NULL CHECK (visits >= 0),
    -- Unix seconds of the last visit, for deleting counters of long-gone visitors.
    last_visit INTEGER NOT NULL
);

CREATE INDEX visit_counters_last_visit_idx ON visit_counters (last_visit);

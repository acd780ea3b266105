-- Home-page visit counts outside the session blob: one atomic UPSERT per visit (see
-- migrations/sqlite/0003_visit_counters.sql).
CREATE TABLE visit_counters (
    visitor_key TEXT PRIMARY KEY NOT NULL,
    visits BIGINT NOT NULL CHECK (visits >= 0),
    last_visit BIGINT NOT NULL
);
CREATE INDEX visit_counters_last_visit_idx ON visit_counters (last_visit);

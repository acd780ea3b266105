-- Secrets every server sharing this database must agree on. Today one: the key that signs the
-- test cookie when SECRET_KEY is not set ('signing_key'). A server that starts inserts a random
-- key if there is none (INSERT … ON CONFLICT DO NOTHING, so of servers starting together one
-- wins) and reads back whichever is there: a cookie one server signed is accepted by the others,
-- and across restarts.
CREATE TABLE app_secrets (
    name   TEXT PRIMARY KEY NOT NULL,
    secret TEXT NOT NULL
);

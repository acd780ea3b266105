-- Failed logins, for the lockout (five per username or per client address in 15 minutes). In
-- the database rather than each server's memory, so that servers sharing it lock out together:
-- with three servers behind a balancer, in-memory counts allowed fifteen tries.
CREATE TABLE login_failures (
    -- "user:<lower-cased username>" or "client:<address>".
    throttle_key TEXT NOT NULL,
    -- Unix seconds.
    failed_at    BIGINT NOT NULL
);
-- The lockout check: one key's latest failures.
CREATE INDEX login_failures_key_idx ON login_failures (throttle_key, failed_at);
-- The cleanup task: failures older than the window.
CREATE INDEX login_failures_failed_at_idx ON login_failures (failed_at);

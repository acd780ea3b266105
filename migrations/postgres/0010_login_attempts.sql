-- Login attempts, counted before the password is checked (issue 21). One row per throttle key
-- with a counter that a single upsert moves forward, so concurrent attempts on any server each
-- get their own number and no more than the limit are ever checked; the rows of
-- login_failures (one per failure, counted after the check) could not promise that.
CREATE TABLE login_attempts (
    -- "pair:<username>|<client>", "user:<username>", "client:<client>" or "reset:…".
    throttle_key TEXT PRIMARY KEY,
    -- Unix seconds: when the window began (restarted when the limit is reached, so the lock
    -- lasts a whole window).
    window_start BIGINT NOT NULL,
    -- Attempts in this window, refused ones included.
    attempts     BIGINT NOT NULL
);
-- The cleanup task: windows that have ended.
CREATE INDEX login_attempts_window_idx ON login_attempts (window_start);
DROP TABLE login_failures;

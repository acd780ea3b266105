-- Home views a reverse proxy may send twice: when a server dies after counting a view but before
-- answering, nginx sends the same GET (with the same X-Request-Id) to another server. Remembering
-- each counted request's id and number lets the second server answer with the first count
-- instead of counting the view again.
CREATE TABLE counted_requests (
    request_id  TEXT PRIMARY KEY NOT NULL,
    visitor_key TEXT NOT NULL,
    -- The number the view got, stored in the transaction that counted it.
    visits      BIGINT NOT NULL,
    -- Unix seconds; rows older than a retry can arrive are deleted by the cleanup task.
    counted_at  BIGINT NOT NULL
);
CREATE INDEX counted_requests_counted_at_idx ON counted_requests (counted_at);

-- Holds (issue 25): a member waits in a queue for a book with no copy on the shelf. A hold is
-- waiting while `copy_id` is NULL (its place is its `id`: the order holds were placed in), and ready once a
-- returned (or freed) copy was reserved for it: that copy's status is then 'r' until
-- `ready_until` (Unix seconds), when it passes to the next member or back to the shelf.
CREATE TABLE holds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    book_id     INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    placed_at   INTEGER NOT NULL,
    copy_id     TEXT    UNIQUE REFERENCES book_instances (id) ON DELETE SET NULL,
    ready_until INTEGER,
    UNIQUE (book_id, user_id)
);
-- The queue of a book, in order; "my holds"; the expiry task's scan of ready holds.
CREATE INDEX holds_queue ON holds (book_id, id);
CREATE INDEX holds_by_user ON holds (user_id);
CREATE INDEX holds_by_deadline ON holds (ready_until);
-- Copies marked reserved before holds existed (the bundled catalog had some) are kept for
-- nobody: they go back on the shelf, or nothing could ever lend or free them.
UPDATE book_instances SET status = 'a', due_back = NULL WHERE status = 'r';

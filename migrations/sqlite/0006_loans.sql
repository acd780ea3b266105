-- Who has a copy on loan (status 'o'): a member's account, or nobody (the bundled catalog's
-- loans belong to no account).
ALTER TABLE book_instances ADD COLUMN borrower_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
-- "My borrowed books": one member's loans by due date.
CREATE INDEX book_instances_borrower_idx ON book_instances (borrower_id, due_back);
-- "All borrowed books": every loan, overdue (earliest due) first.
CREATE INDEX book_instances_loans_idx ON book_instances (status, due_back);

-- Every change a librarian makes: who, what, when.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    user_id  INTEGER,
    username TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    detail   TEXT    NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at, id);

-- Librarians deactivate accounts in the site (issue 24): a deactivated account cannot log in,
-- and its sign-ins no longer hold (the sign-in check joins this column).
ALTER TABLE users ADD COLUMN is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1));
-- "The last active librarian" is counted on every role or activity change.
CREATE INDEX users_by_role ON users (is_librarian, is_active);

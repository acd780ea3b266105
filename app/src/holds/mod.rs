//! Holds: a member queues for a book with no copy on the shelf. A copy that comes free (a
//! return, a copy back from maintenance, a new copy) is reserved for the first member waiting,
//! who has `HOLD_DAYS` to pick it up; a background task passes an unclaimed copy on. Every step
//! is one transaction that locks the book's queue (a row lock on PostgreSQL, SQLite's one write
//! lock), and goes into the audit log.
pub mod api;
pub mod controls;
#[cfg(feature = "ssr")]
pub mod expiry;
pub mod lists;
pub mod model;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod service;

/// The hold settings: how many holds a member may have, and how long a ready copy waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldRules {
    /// `MAX_HOLDS` (default 5).
    pub max_per_member: i64,
    /// `HOLD_DAYS` (default 7) in seconds (`HOLD_SECONDS`, for tests, sets it directly).
    pub ready_for_seconds: i64,
}

impl Default for HoldRules {
    fn default() -> Self {
        Self {
            max_per_member: 5,
            ready_for_seconds: 7 * 86_400,
        }
    }
}

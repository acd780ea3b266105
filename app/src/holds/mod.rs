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

#[cfg(feature = "ssr")]
pub use crate::server::hold_rules::HoldRules;

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, Msg};

    #[test]
    fn hold_counts_follow_each_languages_plural_rules() {
        let count = |lang, n: i64| Msg::new("holds-count").with("count", n).text(lang);
        assert_eq!(count(Lang::En, 1), "1 hold");
        assert_eq!(count(Lang::En, 2), "2 holds");
        assert_eq!(count(Lang::Ru, 1), "1 бронь");
        assert_eq!(count(Lang::Ru, 2), "2 брони");
        assert_eq!(count(Lang::Ru, 5), "5 броней");
        assert_eq!(count(Lang::Ru, 21), "21 бронь");
        assert_eq!(count(Lang::Ru, 11), "11 броней");
    }
}

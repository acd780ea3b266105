//! Loans, the tutorial's last features: a member's borrowed books, and for librarians every
//! loan, renewals, lending and returns, with every change written to an audit log.
pub mod actions;
pub mod api;
pub mod copy_controls;
pub mod dates;
pub mod list_pages;
pub mod model;
pub mod renew_page;
#[cfg(feature = "ssr")]
pub mod service;

pub use actions::LoanActions;

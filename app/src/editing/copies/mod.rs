//! Librarians manage copies in the site (the Django admin's `BookInstance` inline): add a copy
//! to a book, change its imprint and status, delete it. A copy on loan keeps its loan: only
//! "Mark returned" ends it, and it cannot be deleted.
pub mod api;
pub mod links;
pub mod model;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;

//! Editing the catalog (librarians): create, update and delete genres, languages and authors at
//! the tutorial's addresses, each change written to the audit log.
pub mod api;
pub mod book_page;
pub mod book_rules;
#[cfg(feature = "ssr")]
pub mod books;
pub mod copies;
pub mod model;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;

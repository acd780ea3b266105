//! Books: the searchable list, the detail page, and the book table other pages reuse.
pub mod api;
pub mod model;
pub mod pages;
pub mod search_box;
#[cfg(feature = "ssr")]
pub mod sql;
